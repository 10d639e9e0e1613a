/**
 * A real SMTP server on loopback for the delivery and alert tests (smtp-server), which keeps every
 * message it takes, parsed by mailparser, and can be told to refuse recipients like a server that
 * is down for maintenance (451) or to require a login.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope: who the server was asked to deliver to. */
  from: string;
  to: string[];
  mail: ParsedMail;
}

export interface TestSmtpServer {
  /** smtp://user:pass@127.0.0.1:port */
  url: string;
  received: ReceivedMail[];
  /** While set, every recipient is refused with this reply (e.g. "451 4.3.2 try again later"). */
  refuse: string | null;
  close(): Promise<void>;
}

export const SMTP_USER = 'orderlens';
export const SMTP_PASSWORD = 'p@ss word';

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const state: TestSmtpServer = {
    url: '',
    received: [],
    refuse: null,
    close: async () => undefined,
  };
  const server = new SMTPServer({
    // No TLS on loopback: the test checks the message, not the certificate.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD)
        return callback(null, { user: auth.username });
      return callback(Object.assign(new Error('535 authentication failed'), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, callback) {
      if (!state.refuse) return callback();
      const code = Number(state.refuse.slice(0, 3));
      return callback(Object.assign(new Error(state.refuse.slice(4)), { responseCode: code }));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          state.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            mail,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  state.url = `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:${port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

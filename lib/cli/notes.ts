import 'server-only';
/**
 * orderlens notes: notes on dates (lib/annotations), shown on every trend that covers them and in
 * reports. `notes [list]` lists them (optionally those covering --from/--to, of one --kpi);
 * `notes add` adds one; `notes remove ID` removes one.
 */
import {
  addAnnotation,
  listAnnotations,
  noteLine,
  removeAnnotation,
} from '@/lib/annotations/annotations';
import { parse, UsageError, type Io } from './args';
import { auditCli, openCliDatabase } from './db';

export async function notesCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    from: { type: 'string' },
    to: { type: 'string' },
    note: { type: 'string' },
    kpi: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [action = 'list', id] = positionals;
  const text = (flag: string) => values[flag] as string | undefined;
  if (action === 'list') {
    const db = await openCliDatabase(text('db'), 'view');
    const notes = await listAnnotations(db, {
      from: text('from'),
      to: text('to'),
      kpi: text('kpi'),
    });
    if (values.json) io.out(JSON.stringify({ notes }));
    else if (!notes.length) io.out('No notes.');
    else for (const n of notes) io.out(`${n.id}  ${noteLine(n)}`);
    return 0;
  }
  if (action === 'add') {
    if (!text('from') || !text('note'))
      throw new UsageError(
        'notes add: give --from DATE and --note TEXT (--to and --kpi optional).',
      );
    const db = await openCliDatabase(text('db'), 'annotate');
    const by = process.env.ORDERLENS_USER?.trim().toLowerCase() || 'local';
    const note = await addAnnotation(
      db,
      { from: text('from'), to: text('to'), note: text('note'), kpi: text('kpi') },
      by,
    );
    await auditCli(db, {
      action: 'annotations.add',
      outcome: 'ok',
      target: note.id,
      detail: `${note.from} to ${note.to}${note.kpi ? ` (${note.kpi})` : ''}`,
    });
    io.out(values.json ? JSON.stringify({ note }) : `Added ${note.id}: ${noteLine(note)}`);
    return 0;
  }
  if (action === 'remove') {
    if (!id) throw new UsageError('notes remove: give the note\'s ID (see "notes list").');
    const db = await openCliDatabase(text('db'), 'annotate');
    const removed = await removeAnnotation(db, id);
    await auditCli(db, {
      action: 'annotations.remove',
      outcome: 'ok',
      target: id,
      detail: `${removed.from} to ${removed.to}`,
    });
    io.out(`Removed ${id}: ${noteLine(removed)}`);
    return 0;
  }
  throw new UsageError(`notes ${action}: use "notes list", "notes add" or "notes remove ID".`);
}

/**
 * The file as the raw body of one XMLHttpRequest to /api/uploads (fetch reports no upload
 * progress), with the file name and the CSRF headers.
 */
import { csrfHeaders } from '../../ui/csrf';

export interface SendFileEvents {
  progress: (loaded: number, total: number) => void;
  /** The last byte is sent. */
  sent: () => void;
  /** The server answered: its status and its JSON body (null when not JSON). */
  answered: (status: number, body: unknown) => void;
  /** The connection failed. */
  interrupted: () => void;
}

/** Starts the upload; abort() on the request cancels it. */
export function sendFile(file: File, on: SendFileEvents): XMLHttpRequest {
  const xhr = new XMLHttpRequest();
  xhr.open('POST', '/api/uploads');
  xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
  xhr.setRequestHeader('content-type', 'application/octet-stream');
  for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
  xhr.upload.onprogress = (event) =>
    on.progress(event.loaded, event.lengthComputable ? event.total : file.size);
  xhr.upload.onload = () => on.sent();
  xhr.onload = () => {
    let body: unknown = null;
    try {
      body = JSON.parse(xhr.responseText);
    } catch {
      // not JSON: reported by status
    }
    on.answered(xhr.status, body);
  };
  xhr.onerror = () => on.interrupted();
  xhr.send(file);
  return xhr;
}

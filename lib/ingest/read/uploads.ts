import 'server-only';
/**
 * Uploaded extracts, kept on disk until they are loaded: uploads/<id>.bin in the database's data
 * folder, with a JSON sidecar <id>.json (original name for display only, size, sha256, kind).
 * Names are generated here and ids are checked against one pattern before any path is built, so no path comes from a request.
 * The body is streamed to disk with the size limit enforced as bytes arrive; a partial file (too
 * large, client gone, not a supported type) is removed and no sidecar is written for it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { config } from '@/lib/config';
import { OrderlensError, toUserError } from '@/lib/errors';
import { inspectSource } from './source';

/** 2 GiB: the largest upload accepted unless the caller passes another limit. */
export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

const ID_PATTERN = /^[a-z0-9-]{10,64}$/;
const WRITE_BATCH = 1024 * 1024;

const uploadInfoSchema = z.object({
  id: z.string().regex(ID_PATTERN),
  fileName: z.string(),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  kind: z.enum(['csv', 'xlsx', 'parquet']),
  encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']),
  uploadedAt: z.string(),
});

export type UploadInfo = z.infer<typeof uploadInfoSchema>;

/** An upload with the path of its bytes (server side only: never send `file` to a client). */
export interface StoredUpload extends UploadInfo {
  file: string;
}

export interface SaveUploadOptions {
  /** The client's file name: shown to people, never used to build a path. */
  fileName: string;
  /** Folder of the uploads (default: <dataDir>/uploads). */
  dir?: string;
  /** Largest accepted size in bytes (default 2 GiB). */
  maxBytes?: number;
  /** The declared Content-Length, when known: a larger one is refused before reading. */
  expectedSize?: number;
  /** Aborts when the client goes away. */
  signal?: AbortSignal;
}

export class UploadTooLargeError extends OrderlensError {
  constructor(readonly limit: number) {
    super(
      `The file is larger than the upload limit of ${formatBytes(limit)}. ` +
        'Split the extract (by month, say) or load it with the command line (npx orderlens ingest).',
      'upload_too_large',
    );
  }
}

export class UploadInterruptedError extends OrderlensError {
  constructor() {
    super(
      'The upload was interrupted before the whole file arrived; nothing was kept. Try again.',
      'upload_interrupted',
    );
  }
}

export function uploadsDir(): string {
  return config().uploadsDir;
}

/** A folder for the temporary files of previews and loads, beside the uploads (not /tmp, often small). */
export async function workDir(): Promise<string> {
  const dir = config().workDir;
  await mkdir(dir, { recursive: true });
  return dir;
}

export function isUploadId(id: unknown): id is string {
  return typeof id === 'string' && ID_PATTERN.test(id);
}

function notFound(): OrderlensError {
  return new OrderlensError(
    'That upload is no longer here (uploads are removed after a day). Upload the file again.',
    'upload_not_found',
  );
}

/** The files of an upload; throws for anything that is not an upload id. */
function filesOf(id: string, dir = uploadsDir()) {
  if (!isUploadId(id)) throw notFound();
  return {
    data: path.join(dir, `${id}.bin`),
    meta: path.join(dir, `${id}.json`),
    rejects: path.join(dir, `${id}.rejects.csv`),
  };
}

/** A client-given name reduced to something safe to show: no folders, no control characters. */
export function displayName(name: string | null | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  return clean.slice(0, 200) || 'upload';
}

/** Stream a request body to disk under a new id; check its type by content; write the sidecar. */
export async function saveUpload(
  body: ReadableStream<Uint8Array> | null,
  options: SaveUploadOptions,
): Promise<UploadInfo> {
  const dir = options.dir ?? uploadsDir();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const fileName = displayName(options.fileName);
  if (!body) throw new OrderlensError('The request carried no file.', 'no_file');
  if (options.expectedSize !== undefined && options.expectedSize > maxBytes) {
    await body.cancel().catch(() => undefined);
    throw new UploadTooLargeError(maxBytes);
  }
  await mkdir(dir, { recursive: true });
  const id = randomUUID();
  const files = filesOf(id, dir);
  try {
    const { size, sha256 } = await streamToFile(body, files.data, maxBytes, options.signal);
    if (options.expectedSize !== undefined && size !== options.expectedSize) {
      throw new UploadInterruptedError();
    }
    const source = await inspectSource(files.data, fileName);
    const info: UploadInfo = {
      id,
      fileName,
      size,
      sha256,
      kind: source.kind,
      encoding: source.encoding,
      uploadedAt: new Date().toISOString(),
    };
    // The sidecar appears whole or not at all: an upload without one does not exist.
    await writeFile(`${files.meta}.tmp`, JSON.stringify(info));
    await rename(`${files.meta}.tmp`, files.meta);
    return info;
  } catch (error) {
    await rm(files.data, { force: true });
    await rm(`${files.meta}.tmp`, { force: true });
    throw toUserError(error, `Uploading ${fileName}`);
  }
}

async function streamToFile(
  body: ReadableStream<Uint8Array>,
  file: string,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<{ size: number; sha256: string }> {
  const reader = body.getReader();
  const hash = createHash('sha256');
  const handle = await open(file, 'wx');
  const onAbort = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  let size = 0;
  let finished = false;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const bytes = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await writeAll(handle, bytes);
  };
  try {
    if (signal?.aborted) throw new UploadInterruptedError();
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        throw new UploadInterruptedError();
      }
      if (signal?.aborted) throw new UploadInterruptedError();
      if (chunk.done) break;
      size += chunk.value.byteLength;
      if (size > maxBytes) throw new UploadTooLargeError(maxBytes);
      hash.update(chunk.value);
      // Request bodies arrive in small chunks: write them a megabyte at a time.
      pending.push(chunk.value);
      pendingBytes += chunk.value.byteLength;
      if (pendingBytes >= WRITE_BATCH) await flush();
    }
    await flush();
    finished = true;
    return { size, sha256: hash.digest('hex') };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Stop receiving the rest of a refused body.
    if (!finished) await reader.cancel().catch(() => undefined);
    await handle.close();
  }
}

async function writeAll(handle: Awaited<ReturnType<typeof open>>, bytes: Uint8Array) {
  let offset = 0;
  while (offset < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.byteLength - offset);
    offset += bytesWritten;
  }
}

/** An upload by id; throws upload_not_found for unknown or malformed ids. */
export async function getUpload(id: string, dir?: string): Promise<StoredUpload> {
  const files = filesOf(id, dir);
  let text: string;
  try {
    text = await readFile(files.meta, 'utf-8');
    await stat(files.data);
  } catch {
    throw notFound();
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw notFound();
  }
  const parsed = uploadInfoSchema.safeParse(data);
  if (!parsed.success || parsed.data.id !== id) throw notFound();
  return { ...parsed.data, file: files.data };
}

/** Remove an upload and anything written beside it; false when there was none. */
export async function removeUpload(id: string, dir?: string): Promise<boolean> {
  const files = filesOf(id, dir);
  const existed = await stat(files.meta).then(
    () => true,
    () => false,
  );
  await Promise.all(Object.values(files).map((file) => rm(file, { force: true })));
  return existed;
}

/** Where the rejected rows of the upload's last check or load are written. */
export function rejectsFileOf(id: string, dir?: string): string {
  return filesOf(id, dir).rejects;
}

const UPLOAD_FILE = /^[a-z0-9-]{10,64}\.(bin|json|json\.tmp|rejects\.csv)$/;

/** Remove upload files older than maxAgeMs (default a day); returns how many were removed. */
export async function pruneUploads(
  maxAgeMs = 24 * 60 * 60 * 1000,
  dir = uploadsDir(),
): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const cutoff = Date.now() - maxAgeMs;
  let removed = 0;
  for (const name of names.filter((n) => UPLOAD_FILE.test(n))) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => undefined);
    if (info && info.mtimeMs < cutoff) {
      await rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 || Number.isInteger(value) ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

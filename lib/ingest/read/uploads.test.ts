import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  displayName,
  getUpload,
  isUploadId,
  pruneUploads,
  rejectsFileOf,
  removeUpload,
  saveUpload,
  UploadInterruptedError,
  UploadTooLargeError,
} from './uploads';

const tempDir = () => mkdtemp(path.join(os.tmpdir(), 'orderlens-uploads-'));

/** A request body delivering the chunks, then ending (or failing, as a dropped client does). */
function body(chunks: (string | Uint8Array)[], fail?: Error): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[i++];
      if (chunk !== undefined) {
        controller.enqueue(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
      } else if (fail) controller.error(fail);
      else controller.close();
    },
  });
}

const csv = 'Order ID,Order Date\nSO-1,2024-03-01\nSO-2,2024-03-02\n';

describe('saveUpload', () => {
  it('streams the body to a generated name and keeps its metadata beside it', async () => {
    const dir = await tempDir();
    const info = await saveUpload(body([csv.slice(0, 10), csv.slice(10)]), {
      fileName: 'C:\\exports\\orders.csv',
      dir,
    });
    expect(isUploadId(info.id)).toBe(true);
    expect(info).toMatchObject({ fileName: 'orders.csv', size: csv.length, kind: 'csv' });
    expect(info.sha256).toBe(createHash('sha256').update(csv).digest('hex'));
    expect((await readdir(dir)).sort()).toEqual([`${info.id}.bin`, `${info.id}.json`]);
    const stored = await getUpload(info.id, dir);
    expect(stored.file).toBe(path.join(dir, `${info.id}.bin`));
    expect(await readFile(stored.file, 'utf-8')).toBe(csv);
    expect(await removeUpload(info.id, dir)).toBe(true);
    expect(await readdir(dir)).toEqual([]);
    await expect(getUpload(info.id, dir)).rejects.toMatchObject({ code: 'upload_not_found' });
  });

  it('removes the partial file when the size limit is hit while streaming', async () => {
    const dir = await tempDir();
    const chunk = new Uint8Array(64).fill(0x41);
    const error = await saveUpload(body([chunk, chunk, chunk, chunk]), {
      fileName: 'big.csv',
      dir,
      maxBytes: 100,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadTooLargeError);
    expect((error as Error).message).toMatch(/larger than the upload limit of 100 bytes/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a declared size over the limit before reading anything', async () => {
    const dir = await tempDir();
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(10));
      },
    });
    await expect(
      saveUpload(stream, { fileName: 'big.csv', dir, maxBytes: 100, expectedSize: 101 }),
    ).rejects.toBeInstanceOf(UploadTooLargeError);
    expect(pulled).toBeLessThanOrEqual(1);
    expect(await readdir(dir).catch(() => [])).toEqual([]);
  });

  it('removes the partial file when the client disconnects', async () => {
    const dir = await tempDir();
    await expect(
      saveUpload(body([csv], new Error('aborted')), { fileName: 'orders.csv', dir }),
    ).rejects.toBeInstanceOf(UploadInterruptedError);
    expect(await readdir(dir)).toEqual([]);
    // A body that ends early without an error: fewer bytes than Content-Length announced.
    await expect(
      saveUpload(body([csv]), { fileName: 'orders.csv', dir, expectedSize: csv.length + 5 }),
    ).rejects.toBeInstanceOf(UploadInterruptedError);
    expect(await readdir(dir)).toEqual([]);
    // The request's abort signal.
    const controller = new AbortController();
    controller.abort();
    await expect(
      saveUpload(body([csv]), { fileName: 'orders.csv', dir, signal: controller.signal }),
    ).rejects.toBeInstanceOf(UploadInterruptedError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('checks the type by content, whatever the name says', async () => {
    const dir = await tempDir();
    await expect(
      saveUpload(body(['%PDF-1.7\n...']), { fileName: 'orders.csv', dir }),
    ).rejects.toThrow('orders.csv is a PDF document, not a CSV, TSV, XLSX or Parquet file.');
    await expect(saveUpload(body([]), { fileName: 'empty.csv', dir })).rejects.toThrow(
      'empty.csv is empty.',
    );
    expect(await readdir(dir)).toEqual([]);
    const parquetLike = await saveUpload(body([new Uint8Array([0x50, 0x41, 0x52, 0x31, 1, 2])]), {
      fileName: 'orders.txt',
      dir,
    });
    expect(parquetLike.kind).toBe('parquet');
  });
});

describe('upload ids', () => {
  it('accepts only generated-looking ids, so no path can be built from a request', async () => {
    const dir = await tempDir();
    expect(isUploadId('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(true);
    for (const id of [
      '../../etc/passwd',
      'short',
      'UPPER-CASE-ID-1234',
      'a/b-c-d-e-f-g',
      '',
      'x'.repeat(65),
    ]) {
      expect(isUploadId(id)).toBe(false);
      await expect(getUpload(id, dir)).rejects.toMatchObject({ code: 'upload_not_found' });
      await expect(removeUpload(id, dir)).rejects.toMatchObject({ code: 'upload_not_found' });
      expect(() => rejectsFileOf(id, dir)).toThrow();
    }
    await expect(getUpload('0f8fad5b-d9cb-469f-a165-70867728950e', dir)).rejects.toMatchObject({
      code: 'upload_not_found',
    });
  });

  it('shows a client name without folders or control characters', () => {
    expect(displayName('../../etc/passwd')).toBe('passwd');
    expect(displayName('a\u0000b\nc.csv')).toBe('abc.csv');
    expect(displayName('')).toBe('upload');
    expect(displayName(null)).toBe('upload');
  });

  it('prunes old uploads', async () => {
    const dir = await tempDir();
    const info = await saveUpload(body([csv]), { fileName: 'orders.csv', dir });
    expect(await pruneUploads(60_000, dir)).toBe(0);
    expect(await pruneUploads(-1, dir)).toBe(2);
    await expect(getUpload(info.id, dir)).rejects.toMatchObject({ code: 'upload_not_found' });
  });
});

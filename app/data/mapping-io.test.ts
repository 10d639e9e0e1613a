import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mappingFile, readMappingFile, withValueMap } from './mapping-io';

const sapFixture = (name: string) =>
  readFileSync(path.join(__dirname, '..', '..', 'lib', 'ingest', 'fixtures', name), 'utf-8');
const sapHeaders = 'VBELN;POSNR;ERDAT;MATNR;KWMENG;LFIMG;WADAT_IST;NETWR'.split(';');

describe('the wizard reads and writes the CLI mapping file', () => {
  it('reads a CLI mapping for the headers it names (any case)', () => {
    const result = readMappingFile(
      sapFixture('sap-vbap.mapping.json'),
      'sap-vbap.mapping.json',
      sapHeaders.map((h) => h.toLowerCase()),
    );
    expect('mapping' in result && result.mapping).toMatchObject({
      table: 'flat',
      decimalSeparator: ',',
      columns: { order_id: 'VBELN', qty_shipped: 'LFIMG' },
    });
  });

  it('names the mapping key of a bad field and the columns the file lacks', () => {
    const bad = JSON.stringify({ table: 'orders', columns: { order_no: 'VBELN' } });
    const invalid = readMappingFile(bad, 'm.json', sapHeaders);
    expect('error' in invalid && invalid.error).toMatch(
      /^m\.json is not a valid mapping:\n {2}columns\.order_no: "order_no" is not a field of orders/,
    );
    const elsewhere = JSON.stringify({
      table: 'orders',
      columns: { order_id: 'VBELN', order_ts: ['AUDAT', 'ERDAT'] },
    });
    expect(readMappingFile(elsewhere, 'm.json', sapHeaders)).toEqual({
      error: 'm.json names columns this file does not have: columns.order_ts: "AUDAT".',
    });
    expect(readMappingFile('{"table":', 'm.json', sapHeaders)).toEqual({
      error: expect.stringMatching(/^m\.json is not valid JSON: /),
    });
  });

  it('writes what it reads', () => {
    const mapping = {
      table: 'orders' as const,
      columns: { order_id: 'VBELN', order_ts: 'ERDAT' },
      values: { status: { C: 'cancelled' } },
    };
    const file = mappingFile(mapping, 'VBAK export.csv');
    expect(file.name).toBe('VBAK export.mapping.json');
    expect(readMappingFile(file.text, file.name, sapHeaders)).toEqual({ mapping });
  });

  it('edits value maps, dropping a field whose last entry goes', () => {
    const one = withValueMap(undefined, 'status', 'C', 'cancelled');
    expect(one).toEqual({ status: { C: 'cancelled' } });
    const two = withValueMap(one, 'status', 'B', 'open');
    expect(two).toEqual({ status: { C: 'cancelled', B: 'open' } });
    expect(withValueMap(two, 'status', 'C', undefined)).toEqual({ status: { B: 'open' } });
    expect(withValueMap(one, 'status', 'C', undefined)).toBeUndefined();
    // The input is left as it was.
    expect(one).toEqual({ status: { C: 'cancelled' } });
  });
});

import { describe, expect, it } from 'vitest';
import type { UploadPreview } from '@/lib/ingest/load/preview';
import { buildMapping, isValidAllowance, rejectAllowance, withDecidedSeparator } from './mapping';

describe('buildMapping', () => {
  it('keeps the fields of the target that have a column, and the reading settings set', () => {
    expect(
      buildMapping(
        'orders',
        { order_id: 'Order', order_ts: '', sku: 'SKU', customer_id: ['A', 'B'] },
        { dateFormat: '%d.%m.%Y' },
        { delimiter: ';', decimalSeparator: ',' },
        'Sheet1',
      ),
    ).toEqual({
      dateFormat: '%d.%m.%Y',
      table: 'orders',
      columns: { order_id: 'Order', customer_id: ['A', 'B'] },
      sheet: 'Sheet1',
      delimiter: ';',
      decimalSeparator: ',',
    });
  });
});

describe('withDecidedSeparator', () => {
  const preview = (source?: 'file' | 'profile' | 'mapping') =>
    ({ detected: { decimalSeparator: ',', separators: source && { source } } }) as UploadPreview;
  const mapping = { table: 'flat' as const, columns: {} };

  it('adds the separator the file or a profile decided', () => {
    expect(withDecidedSeparator(mapping, preview('file')).decimalSeparator).toBe(',');
    expect(withDecidedSeparator(mapping, preview('profile')).decimalSeparator).toBe(',');
  });

  it('leaves a mapping with its own separator, or an undecided one, as it is', () => {
    expect(withDecidedSeparator(mapping, preview())).toBe(mapping);
    const own = { ...mapping, decimalSeparator: '.' as const };
    expect(withDecidedSeparator(own, preview('file'))).toBe(own);
  });
});

describe('the allowance', () => {
  it('is sent as a number, a percentage, or not at all', () => {
    expect(rejectAllowance(' 10 ')).toEqual({ maxRejectedRows: 10 });
    expect(rejectAllowance('0.5%')).toEqual({ maxRejectedRows: '0.5%' });
    expect(rejectAllowance('  ')).toEqual({});
    expect(isValidAllowance('0.5%') && !isValidAllowance('0.5')).toBe(true);
  });
});

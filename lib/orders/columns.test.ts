import { describe, expect, it } from 'vitest';
import { catalogue } from '@/metrics';
import { explorerColumnMeta, metaOfColumns } from './columns';

describe("the explorer's columns", () => {
  it('label each fact column as its table declares it, once', () => {
    const meta = explorerColumnMeta();
    const orderFacts = catalogue.facts.find((t) => t.name === 'kpi_order_facts')!;
    for (const column of orderFacts.columns.filter((c) => c.kind !== 'mask'))
      expect(meta[column.name], column.name).toMatchObject({
        label: column.label,
        description: column.description,
      });
    expect(meta.final_ship_ts).toEqual({
      label: 'Final shipped',
      type: 'timestamp',
      description: 'The latest shipment',
    });
    expect(meta.units_due?.type).toBe('number');
    expect(meta.prov_absent).toBeUndefined(); // provenance masks are not for people
  });

  it("add the explorer's own columns, and send a page only its own", () => {
    expect(metaOfColumns(['status', 'value', 'order_id', 'no_such_column'])).toEqual({
      status: { label: 'Status', type: 'status' },
      value: {
        label: 'KPI value',
        type: 'number',
        description: 'The value of the KPI for this row',
      },
      order_id: { label: 'Order', type: 'id', description: 'The order number' },
    });
  });
});

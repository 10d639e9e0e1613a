/** `orderlens map`: the proposal with its doubts, what is missing and what that costs (issue 12). */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '@/metrics';
import { main } from './main';

const fixture = (name: string) => path.join(__dirname, '..', 'ingest', 'fixtures', name);

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('orderlens map', () => {
  it('says a list of people is not an order extract, maps nothing and exits 1', async () => {
    const { code, out, err } = await run(['map', fixture('people.csv')]);
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual({ table: 'orders', columns: {} });
    expect(err).toContain('this does not look like an order extract');
    expect(err).toContain('Not mapped (required): order_id, order_ts');
  });

  it('maps SAP German return headers and names the KPIs the unmapped fields cost', async () => {
    const { code, out, err } = await run(['map', fixture('sap-returns-alv.csv')]);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      table: 'returns',
      columns: {
        return_id: 'Retourenauftrag',
        order_id: 'Kundenauftrag',
        sku: 'Material',
        qty_returned: 'Menge',
        return_ts: 'Eingangsdatum',
        credited_ts: 'Gutschriftsdatum',
        reason_code: 'Retourengrund',
      },
    });
    expect(err).toContain('Mapped 7 of 14 fields.');
    // The catalogue's own names, so a renamed KPI does not break this test.
    const needing = catalogue.kpis
      .filter((k) => k.needs.some((n) => n.split('|').includes('returns.reason_category')))
      .map((k) => k.name);
    expect(needing.length).toBeGreaterThan(0);
    expect(err).toContain(`  ${'reason_category'.padEnd(22)} ${needing.join(', ')}`);
  });

  it('prints the separator doubt the load would refuse with', async () => {
    const { err } = await run(['map', fixture('deliveries-doubtful.csv'), '--table', 'shipments']);
    expect(err).toContain(
      'Column "LFIMG": "1,000" and "2,500" read as 1.0 and 2.5 with a decimal comma, or 1000 and 2500 with a thousands comma',
    );
  });
});

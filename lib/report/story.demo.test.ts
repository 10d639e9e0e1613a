import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { loadDemoData } from '@/lib/demo';
import { scorecard } from '@/lib/kpi/scorecard';
import Papa from 'papaparse';
import { renderScorecardCsv } from './csv';
import { renderReportPptx } from './pptx';
import { zipEntries } from './report-test-helpers';
import { buildReportModel } from './model';
import type { ReportModel } from './types';

// The demo data, reported as a user first meets it: no dates, so the last complete month.
let db: Database;
let model: ReportModel;

beforeAll(async () => {
  db = await openMemoryDatabase();
  await loadDemoData(db, {
    orders: 8000,
    workDir: await mkdtemp(path.join(os.tmpdir(), 'story-')),
  });
  model = await buildReportModel(db, { format: 'pdf' });
}, 120_000);

const monthStart = (day: string, shift: number) => {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + shift);
  return d.toISOString().slice(0, 10);
};

describe('the story of the demo data', () => {
  it('opens on the last complete month against the month before', () => {
    const horizon = model.data.horizon!;
    expect(model.period.from).toBe(monthStart(horizon, -1));
    expect(model.period.to).toBe(
      new Date(Date.parse(`${monthStart(horizon, 0)}T00:00:00Z`) - 86_400_000)
        .toISOString()
        .slice(0, 10),
    );
    expect(model.comparison!.text).toBe(
      `Change against the previous period (${monthStart(horizon, -2)} to ${new Date(Date.parse(`${model.period.from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)})`,
    );
  });

  it('names the largest significant deterioration, computed here from the monthly series', async () => {
    // Each KPI's monthly values for the year before the report's month, straight from the engine.
    const from = monthStart(model.period.from!, -12);
    const entries = await scorecard(db, {
      filters: { from, to: model.period.to! },
      grain: 'month',
      details: false,
    });
    let worst: { name: string; z: number } | null = null;
    for (const entry of entries) {
      const k = model.kpis.find((x) => x.id === entry.id)!;
      const values = (entry.series ?? []).filter((s) => s.period! < model.period.from!);
      const changes = values.slice(1).flatMap((s, i) => {
        const before = values[i]!.value;
        return s.value === null || before === null ? [] : [s.value - before];
      });
      if (changes.length < 3 || !k.change || k.change.change === null) continue;
      const usual = Math.sqrt(changes.reduce((a, c) => a + c * c, 0) / changes.length);
      const z = (k.direction === 'higher' ? k.change.change : -k.change.change) / usual;
      if (z < -1 && (!worst || z < worst.z)) worst = { name: k.name, z };
    }
    expect(worst).not.toBeNull();
    expect(model.messages.length).toBeGreaterThanOrEqual(3);
    expect(model.messages.length).toBeLessThanOrEqual(5);
    expect(model.messages.some((m) => m.text.startsWith(`${worst!.name} `))).toBe(true);
    expect(model.movers.worst[0]!.name).toBe(worst!.name);
  });

  it('states each message with the number the scorecard prints', () => {
    for (const message of model.messages) {
      const k = model.kpis.find((x) => x.id === message.kpiId)!;
      expect(message.text).toContain(`to ${k.formatted}`);
      expect(message.text).toContain(k.change!.text.replace(/^[+-]/, ''));
    }
  });

  it('gives every KPI with a value a section and a sentence of context, and none without', () => {
    for (const k of model.kpis) {
      expect(k.section).toBe(k.available && k.value !== null);
      expect(k.context.length).toBeGreaterThan(20);
      if (k.section) expect(k.context).toContain(k.formatted);
    }
  });

  it('writes each status and significance into the scorecard CSV', () => {
    const rows = Papa.parse<Record<string, string>>(renderScorecardCsv(model), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows).toHaveLength(model.kpis.length);
    model.kpis.forEach((k, i) => {
      expect(rows[i]).toMatchObject({
        kpi_id: k.id,
        status: k.status.colour,
        status_label: k.status.label,
      });
      const z = k.movement?.significance;
      expect(rows[i]!.significance).toBe(z === null || z === undefined ? '' : String(z));
    });
  });

  it('ends every percent axis of the deck at 100 at most', async () => {
    const entries = await zipEntries(await renderReportPptx(model));
    const charts = [...entries].filter(([name]) => /^ppt\/charts\/chart\d+\.xml$/.test(name));
    expect(charts.length).toBeGreaterThan(10);
    let percentAxes = 0;
    for (const [, xml] of charts) {
      const valueAxis = xml.slice(xml.indexOf('<c:valAx>'), xml.indexOf('</c:valAx>'));
      if (!/formatCode="[^"]*%/.test(valueAxis)) continue;
      percentAxes++;
      expect(Number(/<c:max val="([\d.]+)"\/>/.exec(valueAxis)![1])).toBeLessThanOrEqual(100);
    }
    expect(percentAxes).toBeGreaterThan(5);
  });
});

import 'server-only';
/**
 * orderlens practices [KPI_ID] [--json]: how to improve each KPI. Without an id, every KPI with
 * its practices' titles; with one, that KPI's practices whole (what, why, how to start, what to
 * watch, sources). Read from the engine's catalogue, as the KPI page shows them.
 */
import { engineCatalogue, getKpi } from '@/lib/kpi/engine';
import type { KpiDefinition, Practice, PracticeSource } from '@/lib/semantic/kpi';
import { parse, UsageError, type Io } from './args';
import { openCliDatabase } from './db';
import { wrap } from './kpis';

const WIDTH = 100;

export async function practicesCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 1) throw new UsageError('practices takes at most one KPI id.');
  // Whoever may view the KPI pages may read their practices: the same check as every command.
  await openCliDatabase(values.db as string | undefined, 'view');
  const [id] = positionals;
  if (id) {
    const kpi = getKpi(id);
    io.out(values.json ? JSON.stringify(practicesJson(kpi), null, 2) : formatPractices(kpi));
    return 0;
  }
  const kpis = engineCatalogue().kpis;
  io.out(
    values.json
      ? JSON.stringify({ kpis: kpis.map(practicesJson) }, null, 2)
      : formatPracticeTitles(kpis),
  );
  return 0;
}

function practicesJson(kpi: KpiDefinition) {
  return { id: kpi.id, name: kpi.name, practices: kpi.practices ?? [] };
}

/** Every KPI with its practices' titles, numbered. */
export function formatPracticeTitles(kpis: readonly KpiDefinition[]): string {
  return kpis
    .map((kpi) => {
      const titles = (kpi.practices ?? []).map((p, i) => `  ${i + 1}. ${p.title}`);
      return [`${kpi.name} (${kpi.id})`, ...(titles.length ? titles : ['  (none yet)'])].join('\n');
    })
    .concat('', 'orderlens practices KPI_ID prints a KPI’s practices whole.')
    .join('\n');
}

/** A source as a reader looks it up: title, publisher, year, address. */
export const sourceText = (s: PracticeSource) =>
  [s.title, s.publisher, s.year, s.url].filter((x) => x !== undefined).join(', ');

/** One KPI's practices whole, wrapped to `width`. */
export function formatPractices(kpi: KpiDefinition, width = WIDTH): string {
  const practices = kpi.practices ?? [];
  const head = `How to improve ${kpi.name} (${kpi.id})`;
  if (!practices.length) return `${head}\n\nNo practices are written for this KPI yet.`;
  return [head, ...practices.map((p, i) => formatPractice(p, i + 1, width))].join('\n\n');
}

function formatPractice(p: Practice, n: number, width: number): string {
  const number = `${n}. `;
  const pad = ' '.repeat(number.length);
  /** Text wrapped within the indent, its continuation lines two further in. */
  const block = (text: string) =>
    wrap(text, width - pad.length, 2)
      .split('\n')
      .map((line) => pad + line)
      .join('\n');
  return [
    number + block(p.title).slice(pad.length),
    block(p.what),
    block(`Why it moves this KPI: ${p.why}`),
    block(`How to start: ${p.start}`),
    block(`What to watch: ${p.measure}`),
    ...p.sources.map((s) => block(`Source: ${sourceText(s)}`)),
  ].join('\n');
}

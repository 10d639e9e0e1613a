import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { shippedBandSets } from '@/lib/benchmarks/shipped';
import { notPlacedInSets, placeInSets } from '@/lib/kpi/bands';
import { loadKpiFixture } from '@/lib/kpi/kpi-test-helpers';
import type { Basis } from '@/lib/kpi/types';
import { scorecard } from '@/lib/kpi/scorecard';
import { catalogue } from '@/metrics';
import { KpiCard } from '../kpi-card';
import { BenchmarkSources } from './benchmark-sources';

const sets = shippedBandSets().map((s) => ({ ...s, version: 1, importedAt: null }));

/** The KPI page's benchmark section for one KPI at one value, as plain text. */
function section(
  id: string,
  value: number,
  basis: Basis = 'measured',
  practicesHref?: string,
): string {
  const { standard, variant, unit } = catalogue.kpis.find((k) => k.id === id)!;
  const kpi = { id, standard, variant, basis, assumedFields: [] };
  const html = renderToStaticMarkup(
    createElement(BenchmarkSources, {
      sets: sets.filter((s) => s.kpi === id),
      placements: placeInSets(sets, kpi, value),
      notPlaced: notPlacedInSets(sets, kpi, value),
      unit,
      empty: 'none',
      practicesHref,
    }),
  );
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('the benchmark section shows each figure as what it is', () => {
  it('on-time delivery: the requirement met in words, the survey and its kind', () => {
    const text = section('on_time_delivery_rate', 92);
    expect(text).toContain('Requirement Walmart Marketplace');
    expect(text).toContain('✓ Meets the requirement Walmart Marketplace on-time delivery ≥ 90%');
    expect(text).toContain('Applies to Walmart Marketplace sellers');
    expect(text).toContain('Survey Supply Chain Consortium (Tompkins)');
    expect(text).toContain('Reference only: definition differs.');
    expect(text).toContain('How their definition differs from ours. Counted per truckload');
  });

  it('a value short of a requirement says by how much', () => {
    expect(section('on_time_delivery_rate', 87.5)).toContain(
      'Does not meet the requirement Walmart Marketplace on-time delivery ≥ 90% 2.5 pts short.',
    );
  });

  it('studies: reference figures with the difference, never a band or a percentile', () => {
    const text = section('order_to_delivery_cycle_time', 6.2);
    expect(text).toContain('Study Kurt Salmon study');
    expect(text).toContain('Average 6.9 d: yours 0.7 days shorter');
    expect(text).toContain('Top ten retailers 2.8 d: yours 3.4 days longer');
    expect(text).toContain('Reference, not a band');
    expect(text).not.toMatch(/percentile|quartile|Best-in-Class/);
  });

  it('a practitioner guideline is named so and read by category', () => {
    const text = section('order_fill_rate', 83);
    expect(text).toContain('Practitioner guideline F. Curtis Barry');
    expect(text).toContain('Guideline advanced fashion 70–80%');
    // Their definition has a 24 h limit ours lacks: no comparison, only how they differ.
    expect(text).not.toContain('yours within the range');
  });

  it('an assumed value is compared with nothing', () => {
    const text = section('on_time_delivery_rate', 92, 'assumed');
    expect(text).not.toContain('Meets the requirement');
    expect(text).toContain('Not placed: assumed.');
  });

  it('a survey of 9,032 keeps its band and says its sample', () => {
    const text = section('perfect_order_index', 95);
    expect(text).toContain('Survey of 9,032 APQC');
    expect(text).toContain('Median or better');
  });
});

describe('the link from a placement to the practices (issue 16)', () => {
  const link = /How to improve it/g;
  it('is there for a value short of a best-in-class threshold, not for one that meets it', () => {
    expect(section('order_fill_rate', 92.8, 'measured', '#practices').match(link)).toHaveLength(1);
    expect(section('order_fill_rate', 99.9, 'measured', '#practices')).not.toMatch(link);
  });

  it('is there for a value short of a marketplace requirement', () => {
    expect(section('on_time_delivery_rate', 87.5, 'measured', '#practices')).toMatch(link);
  });

  it('is never there for an assumed value, which is not placed, nor without practices', () => {
    expect(section('order_fill_rate', 92.8, 'assumed', '#practices')).not.toMatch(link);
    expect(section('on_time_delivery_rate', 87.5, 'assumed', '#practices')).not.toMatch(link);
    expect(section('order_fill_rate', 92.8)).not.toMatch(link);
  });
});

describe('the scorecard card', () => {
  it('shows no band for a KPI whose only figures are studies, nor any requirement', async () => {
    const db = await loadKpiFixture();
    const entries = await scorecard(db, {}, [
      'order_to_delivery_cycle_time',
      'on_time_delivery_rate',
    ]);
    const html = entries.map((entry) =>
      renderToStaticMarkup(createElement(KpiCard, { entry, search: '' })),
    );
    expect(entries[0]!.notPlaced!.some((n) => n.comparison?.kind === 'study')).toBe(true);
    expect(html[0]).toContain('No published band');
    expect(html[0]).not.toContain('Kurt Salmon');
    expect(html[1]).not.toMatch(/Walmart|requirement/);
  });
});

describe('many published sets', () => {
  it('shows three and folds the rest away when none places the value', () => {
    const id = 'order_to_delivery_cycle_time';
    const own = sets.filter((s) => s.kpi === id);
    expect(own.length).toBeGreaterThan(3);
    const { standard, variant, unit } = catalogue.kpis.find((k) => k.id === id)!;
    const kpi = { id, standard, variant, basis: 'measured' as const, assumedFields: [] };
    const html = renderToStaticMarkup(
      createElement(BenchmarkSources, {
        sets: own,
        placements: placeInSets(sets, kpi, 5.2),
        notPlaced: notPlacedInSets(sets, kpi, 5.2),
        unit,
        empty: 'none',
      }),
    );
    const [open, folded] = html.split('<details');
    // Three open (none places the value: the newest first), the others inside the closed
    // <details>, every one of them once.
    expect(open!.match(/<li /g)).toHaveLength(3);
    expect(folded!.match(/<li /g)).toHaveLength(own.length - 3);
    expect(folded).toContain(
      `<summary>${own.length - 3} more published sets, none placing this value</summary>`,
    );
    for (const set of own) expect(html.split(`>${set.name}<`)).toHaveLength(2);
  });
});

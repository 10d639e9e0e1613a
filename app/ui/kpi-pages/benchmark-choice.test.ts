import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { headlineFirst } from '@/lib/benchmarks/choose';
import { parseBandSet } from '@/lib/benchmarks/schema';
import { placeInSets } from '@/lib/kpi/bands';
import { catalogue } from '@/metrics';
import { BenchmarkSources } from './benchmark-sources';

/** Two hand-made surveys of the shipment cycle time: US retail 2014 and EU wholesale 2020. */
const survey = {
  kpi: 'order_shipment_cycle_time',
  source: 'Acme survey',
  sourceDefinition: 'Hours from order receipt to final shipment, complete orders only.',
  citation: 'Acme survey report, table 4',
  unit: 'hours',
  direction: 'lower',
  kind: 'survey',
  definitionDiffers: false,
};
const sets = [
  {
    ...survey,
    id: 'acme-retail-us-2014',
    name: 'Acme US retail 2014',
    edition: '2015',
    peerGroup: 'US retailers',
    peer: { industry: ['retail'], region: 'US', channel: 'b2c' },
    dataYear: 2014,
    scheme: { type: 'quartiles', p25: 24, median: 48, p75: 72 },
  },
  {
    ...survey,
    id: 'acme-wholesale-eu-2020',
    name: 'Acme EU wholesale 2020',
    edition: '2021',
    peerGroup: 'EU wholesalers',
    scheme: { type: 'quartiles', p25: 12, median: 24, p75: 36 },
  },
].map((s) => ({ ...parseBandSet(s), version: 1, importedAt: null }));

function section(bandSet?: string): string {
  const { id, standard, variant, unit } = catalogue.kpis.find(
    (k) => k.id === 'order_shipment_cycle_time',
  )!;
  const kpi = { id, standard, variant, basis: 'measured' as const, assumedFields: [] };
  const { placements, choice } = headlineFirst(
    placeInSets(sets, kpi, 46),
    sets,
    { industry: 'retail', region: 'US' },
    bandSet,
  );
  const html = renderToStaticMarkup(
    createElement(BenchmarkSources, {
      sets,
      placements,
      unit,
      empty: 'none',
      choice,
      switchHref: (setId) => (setId ? `?bands=${setId}` : '?'),
    }),
  );
  return html.replace(/\s+/g, ' ');
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the benchmark section marks the headline set and lets the user switch', () => {
  it('marks the best match with its reason, and offers the other set', () => {
    const html = section();
    expect(text(html)).toContain(
      'Acme US retail 2014 Survey Acme survey · 2015 imported headline Used for the headline: Matches your industry (retail) and region (US); closest of 2 sets.',
    );
    expect(html).toContain(
      '<a href="?bands=acme-wholesale-eu-2020">Use this set for the headline</a>',
    );
    expect(html).not.toContain('?bands=acme-retail-us-2014');
    // The stated peers and the year, beside the source's own words.
    expect(text(html)).toContain(
      'Peer group US retailers Peers stated retail · US · B2C Data year 2014',
    );
  });

  it("the user's pick is marked, with the way back to the best match", () => {
    const html = section('acme-wholesale-eu-2020');
    expect(text(html)).toContain(
      'Acme EU wholesale 2020 Survey Acme survey · 2021 imported headline Used for the headline: Chosen by you. The best match is Acme US retail 2014.',
    );
    expect(html).toContain('<a href="?">Use the best match</a>');
    expect(html).toContain(
      '<a href="?bands=acme-retail-us-2014">Use this set for the headline</a>',
    );
  });
});

/**
 * The scorecard heads each KPI's placements with the set whose peers best match the organisation's
 * profile, or the set the user picked, and says which and why.
 */
import { describe, expect, it } from 'vitest';
import { loadKpiFixture } from '@/lib/kpi/kpi-test-helpers';
import { scorecard } from '@/lib/kpi/scorecard';
import { setOrganisationProfile } from './organisation';
import { importBandSet } from './store';

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
const retailUs = {
  ...survey,
  id: 'acme-retail-us-2014',
  name: 'Acme US retail 2014',
  edition: '2015',
  peerGroup: 'US retailers',
  peer: { industry: ['retail'], region: 'US' },
  dataYear: 2014,
  scheme: { type: 'quartiles', p25: 24, median: 48, p75: 72 },
};
const wholesaleEu = {
  ...survey,
  id: 'acme-wholesale-eu-2020',
  name: 'Acme EU wholesale 2020',
  edition: '2021',
  peerGroup: 'EU wholesalers',
  peer: { industry: ['wholesale_distribution'], region: 'EU' },
  dataYear: 2020,
  scheme: { type: 'quartiles', p25: 12, median: 24, p75: 36 },
};

const headline = async (db: Awaited<ReturnType<typeof loadKpiFixture>>, bandSet?: string) => {
  const [entry] = await scorecard(db, {}, ['order_shipment_cycle_time'], { bandSet });
  return {
    first: entry!.placements.map((p) => `${p.source.setId}: ${p.band}`),
    choice: entry!.bandChoice,
  };
};

describe('the scorecard headline set', () => {
  it('is the newest without a profile, the best match with one, and the pick when asked', async () => {
    const db = await loadKpiFixture();
    await importBandSet(db, [retailUs, wholesaleEu], 'json');
    // The fixture's shipment cycle time is 46 h: above the EU wholesalers' p75 of 36 h (the
    // bottom quartile), between the US retailers' p25 of 24 h and median of 48 h.
    expect(await headline(db)).toEqual({
      first: ['acme-wholesale-eu-2020: Bottom quartile', 'acme-retail-us-2014: Second quartile'],
      choice: {
        setId: 'acme-wholesale-eu-2020',
        name: 'Acme EU wholesale 2020',
        reason: 'No organisation profile set: the newest of 2 sets is used',
        by: 'newest',
        candidates: 2,
      },
    });

    await setOrganisationProfile(db, { industry: 'retail', region: 'US' });
    expect(await headline(db)).toEqual({
      first: ['acme-retail-us-2014: Second quartile', 'acme-wholesale-eu-2020: Bottom quartile'],
      choice: {
        setId: 'acme-retail-us-2014',
        name: 'Acme US retail 2014',
        reason: 'Matches your industry (retail) and region (US); closest of 2 sets',
        by: 'profile',
        candidates: 2,
      },
    });

    const picked = await headline(db, 'acme-wholesale-eu-2020');
    expect(picked.first[0]).toBe('acme-wholesale-eu-2020: Bottom quartile');
    expect(picked.choice).toMatchObject({
      by: 'user',
      reason:
        'Chosen by you. The best match is Acme US retail 2014. Matches your industry (retail) and region (US); closest of 2 sets',
    });
  });
});

import { describe, expect, it } from 'vitest';
import {
  chooseBandSet,
  editionYear,
  headlineFirst,
  rankBandSets,
  type ChoosableSet,
} from './choose';
import type { OrganisationProfile } from './peer';

/** Three hand-made sets of one KPI: who their peers are, when, and how many. */
const crossIndustry: ChoosableSet = {
  id: 'cross-2019',
  name: 'Cross-industry survey 2019',
  edition: '2020',
  sampleSize: 500,
  peer: { industry: ['cross_industry'], size: 'large' },
  dataYear: 2019,
};
const retailUs: ChoosableSet = {
  id: 'retail-us-2014',
  name: 'US retail study 2014',
  edition: 'Holiday 2014',
  sampleSize: 100,
  peer: { industry: ['retail'], region: 'US' },
  dataYear: 2014,
};
const wholesaleEu: ChoosableSet = {
  id: 'wholesale-eu-2020',
  name: 'EU wholesale survey 2020',
  edition: '2021',
  sampleSize: 80,
  peer: { industry: ['wholesale_distribution'], region: 'EU' },
  dataYear: 2020,
};
const three = [crossIndustry, retailUs, wholesaleEu];

const chosen = (sets: ChoosableSet[], profile: OrganisationProfile, setId?: string) => {
  const choice = chooseBandSet(sets, profile, { setId })!;
  return { id: choice.set.id, reason: choice.reason, by: choice.by };
};

describe('chooseBandSet', () => {
  it('without a profile uses the newest set, and says no profile is set', () => {
    // Data years 2019, 2014, 2020: the EU wholesale survey is the newest.
    expect(chosen(three, {})).toEqual({
      id: 'wholesale-eu-2020',
      reason: 'No organisation profile set: the newest of 3 sets is used',
      by: 'newest',
    });
  });

  it('a US retailer gets the US retail set, though it is the oldest', () => {
    // retail-us: industry and region match (2 matches, 0 differences); cross-industry: covers the
    // industry, states no region (0, 0); wholesale-eu: both differ (0, 2).
    expect(chosen(three, { industry: 'retail', region: 'US' })).toEqual({
      id: 'retail-us-2014',
      reason: 'Matches your industry (retail) and region (US); closest of 3 sets',
      by: 'profile',
    });
    expect(
      rankBandSets(three, { industry: 'retail', region: 'US' }).map((r) => [
        r.set.id,
        r.matches,
        r.differences,
      ]),
    ).toEqual([
      ['retail-us-2014', 2, 0],
      ['cross-2019', 0, 0],
      ['wholesale-eu-2020', 0, 2],
    ]);
  });

  it('a German wholesaler gets the EU wholesale set: Germany is in the EU', () => {
    expect(chosen(three, { industry: 'wholesale_distribution', region: 'DE' })).toEqual({
      id: 'wholesale-eu-2020',
      reason:
        'Matches your industry (wholesale distribution) and region (DE, within the EU); closest of 3 sets',
      by: 'profile',
    });
  });

  it('when every set contradicts the profile, the one that differs least, saying how', () => {
    // A small Japanese manufacturer: cross-industry differs on size only (1); the other two
    // differ on industry and region (2 each).
    expect(chosen(three, { industry: 'manufacturing', size: 'small', region: 'JP' })).toEqual({
      id: 'cross-2019',
      reason:
        'Every set differs from your profile; this one least (company size: large, yours small); closest of 3 sets',
      by: 'profile',
    });
  });

  it('a profile no set speaks to falls back to the newest, and says so', () => {
    // No set states a channel: all fit alike (0, 0), so the newest data decides.
    expect(chosen(three, { channel: 'b2b' })).toEqual({
      id: 'wholesale-eu-2020',
      reason:
        'No set matches your profile on an attribute it states; this one contradicts none of it; newest of the 3 sets that fit as well (of 3)',
      by: 'profile',
    });
  });

  it('a set that does not contradict ranks above one that matches more but contradicts', () => {
    // Retail US matches industry but differs on region for a Canadian retailer (1, 1);
    // cross-industry contradicts nothing (0, 0).
    expect(chosen(three, { industry: 'retail', region: 'CA' }).id).toBe('cross-2019');
  });

  it('among equally close and equally new sets, the larger sample; then the id', () => {
    const smaller = { ...crossIndustry, id: 'a-cross-2019-small', sampleSize: 50 };
    expect(chosen([smaller, crossIndustry], {})).toEqual({
      id: 'cross-2019',
      reason:
        'No organisation profile set: of the 2 newest sets, the one with the largest sample is used',
      by: 'newest',
    });
    const twin = { ...crossIndustry, id: 'b-cross-2019-twin' };
    expect(chosen([twin, crossIndustry], { industry: 'retail' })).toEqual({
      id: 'b-cross-2019-twin',
      reason:
        'No set matches your profile on an attribute it states; this one contradicts none of it; first by id of the 2 sets alike in fit, year and sample (of 2)',
      by: 'profile',
    });
    // The order the sets come in changes nothing.
    expect(chosen([crossIndustry, twin], { industry: 'retail' }).id).toBe('b-cross-2019-twin');
  });

  it('without a data year reads the edition year; a set without either is the oldest', () => {
    const edition2021 = { id: 'ed-2021', name: 'E', edition: 'December 2021', sampleSize: null };
    const undated = { id: 'undated', name: 'U', edition: 'Undated page', sampleSize: 9000 };
    expect(chosen([undated, crossIndustry, edition2021], {}).id).toBe('ed-2021');
    expect(chosen([undated], {})).toEqual({
      id: 'undated',
      reason: 'No organisation profile set: the only set is used',
      by: 'newest',
    });
    expect(editionYear('Holiday 2013 (reported 11 November 2014)')).toBe(2013);
    expect(editionYear('Undated page')).toBeNull();
    expect(editionYear('Undated page (OpsDog sample report: 2017 edition)')).toBeNull();
  });

  it('covering sets (global, any size, B2B and B2C) neither match nor contradict', () => {
    const global = {
      id: 'global',
      name: 'G',
      edition: '2018',
      sampleSize: null,
      peer: { region: 'global', size: 'any' as const, channel: 'mixed' as const },
    };
    const [ranked] = rankBandSets([global], { region: 'US', size: 'small', channel: 'b2c' });
    expect(ranked!.fits.map((f) => f.fit)).toEqual(['unasked', 'covers', 'covers', 'covers']);
    expect(chosen([global, retailUs], { region: 'US', channel: 'b2c' })).toEqual({
      id: 'retail-us-2014',
      reason: 'Matches your region (US); closest of 2 sets',
      by: 'profile',
    });
  });

  it('lets the user pick a set, and names the best match beside the pick', () => {
    expect(chosen(three, { industry: 'retail', region: 'US' }, 'cross-2019')).toEqual({
      id: 'cross-2019',
      reason:
        'Chosen by you. The best match is US retail study 2014. Matches your industry (retail) and region (US); closest of 3 sets',
      by: 'user',
    });
    expect(chosen(three, {}, 'wholesale-eu-2020')).toEqual({
      id: 'wholesale-eu-2020',
      reason:
        'Chosen by you, and the best match too. No organisation profile set: the newest of 3 sets is used',
      by: 'user',
    });
    expect(chosen(three, {}, 'no-such-set')).toEqual({
      id: 'wholesale-eu-2020',
      reason:
        '"no-such-set" is not among the 3 sets that place this value. No organisation profile set: the newest of 3 sets is used',
      by: 'newest',
    });
  });

  it('has nothing to choose from no sets', () => {
    expect(chooseBandSet([], { industry: 'retail' })).toBeNull();
  });
});

describe('headlineFirst', () => {
  const placement = (setId: string, band: string) => ({ source: { setId }, band });

  it("puts the chosen set's placement first and says which and why", () => {
    // The value is placed in two of the three sets; the EU wholesale set places it not at all.
    const placements = [placement('cross-2019', 'Typical'), placement('retail-us-2014', 'Median')];
    const { placements: ordered, choice } = headlineFirst(placements, three, {
      industry: 'retail',
      region: 'US',
    });
    expect(ordered.map((p) => p.band)).toEqual(['Median', 'Typical']);
    expect(choice).toEqual({
      setId: 'retail-us-2014',
      name: 'US retail study 2014',
      reason: 'Matches your industry (retail) and region (US); closest of 2 sets',
      by: 'profile',
      candidates: 2,
    });
    // Without a profile the newer cross-industry survey (2019) heads.
    expect(headlineFirst(placements, three, {}).placements[0]!.band).toBe('Typical');
    // The user's pick heads whatever the profile.
    expect(
      headlineFirst(placements, three, { industry: 'retail' }, 'cross-2019').choice,
    ).toMatchObject({ setId: 'cross-2019', by: 'user' });
  });

  it('chooses nothing when the value is placed nowhere', () => {
    expect(headlineFirst([], three, { industry: 'retail' })).toEqual({
      placements: [],
      choice: null,
    });
  });
});

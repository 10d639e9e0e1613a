import { describe, expect, it } from 'vitest';
import { bandText } from './labels';
import type { ReportKpi } from './types';

/** The parts of a report KPI the band text reads. */
const kpi = (parts: Pick<ReportKpi, 'placements' | 'notPlacedText' | 'bandChoice'>) =>
  parts as ReportKpi;

const placement = (setId: string, band: string, source: string) => ({
  setId,
  band,
  rank: 2,
  bandCount: 4,
  percentile: null,
  source,
});

describe("the report's band text", () => {
  it('names the headline set and why when the value is placed in several', () => {
    expect(
      bandText(
        kpi({
          placements: [
            placement('acme-retail-us-2014', 'Second quartile', 'Acme survey 2015'),
            placement('acme-wholesale-eu-2020', 'Bottom quartile', 'Acme survey 2021'),
          ],
          notPlacedText: null,
          bandChoice: {
            setId: 'acme-retail-us-2014',
            name: 'Acme US retail 2014',
            reason: 'Matches your industry (retail) and region (US); closest of 2 sets',
          },
        }),
      ),
    ).toBe(
      'Second quartile (Acme survey 2015); Bottom quartile (Acme survey 2021). Headline: Acme US retail 2014 (Matches your industry (retail) and region (US); closest of 2 sets)',
    );
  });

  it('says nothing more with one placement', () => {
    expect(
      bandText(
        kpi({
          placements: [placement('acme-retail-us-2014', 'Second quartile', 'Acme survey 2015')],
          notPlacedText: null,
          bandChoice: {
            setId: 'acme-retail-us-2014',
            name: 'Acme US retail 2014',
            reason: 'No organisation profile set: the only set is used',
          },
        }),
      ),
    ).toBe('Second quartile (Acme survey 2015)');
  });
});

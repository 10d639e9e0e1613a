/**
 * Who each shipped set's peers are, as its own peer group, edition, citation and note state it;
 * what a file does not say stays absent. Written out by hand from the files' words.
 */
import { describe, expect, it } from 'vitest';
import { chooseBandSet } from './choose';
import { shippedBandSet } from './shipped';

const online = ['retail', 'ecommerce'];
const werc = { peer: { industry: ['cross_industry'], size: 'any' } };

const expected: Record<string, { peer?: object; dataYear?: number }> = {
  // "Seller performance targets (US)"; a marketplace's sellers selling to its shoppers.
  'amazon-cancel-rate': { peer: { industry: ['ecommerce'], region: 'US', channel: 'b2c' } },
  'amazon-late-shipment-rate': { peer: { industry: ['ecommerce'], region: 'US', channel: 'b2c' } },
  // "Not stated with the published median"; no measurement year given.
  'apqc-2016-perfect-order': {},
  // "Their catalogue and e-commerce clients": no region, channel or year.
  'fcbco-order-fill-rate-by-category': { peer: { industry: ['ecommerce'] } },
  // "More than 50 US online retailers", "B2C", December 2012.
  'kurt-salmon-2012-order-to-delivery': {
    peer: { industry: online, region: 'US', channel: 'b2c' },
    dataYear: 2012,
  },
  // "100 retail brands", holiday 2013 (reported 2014); no region or channel stated.
  'kurt-salmon-2014-order-shipment': { peer: { industry: ['retail'] }, dataYear: 2013 },
  'kurt-salmon-2015-order-to-delivery': {
    peer: { industry: online, region: 'US', channel: 'b2c' },
    dataYear: 2015,
  },
  // "US retailers", the 2022 rate.
  'nrf-2022-return-rate': { peer: { industry: ['retail'], region: 'US' }, dataYear: 2022 },
  // "OpsDog benchmark respondents (peer group not stated)".
  'opsdog-customer-backorder-rate': {},
  'opsdog-perfect-customer-order-rate': {},
  // "Finnish online stores", B2C, 2019.
  'posti-2019-order-shipment': {
    peer: { industry: online, region: 'FI', channel: 'b2c' },
    dataYear: 2019,
  },
  'posti-2019-order-to-delivery': {
    peer: { industry: online, region: 'FI', channel: 'b2c' },
    dataYear: 2019,
  },
  // "Global companies in several industries"; October 2000, the year measured not said.
  'prtm-2000-on-time-to-request': { peer: { industry: ['cross_industry'], region: 'global' } },
  // "Manufacturers, retailers, distributors and 3PLs"; no region or year measured.
  'scc-2013-on-time-delivery-truckload': {
    peer: {
      industry: ['manufacturing', 'retail', 'wholesale_distribution', 'third_party_logistics'],
    },
  },
  // "40 of the largest online retailers", "B2C", orders placed in Q4 2014.
  'stellaservice-2014-returns-processing': {
    peer: { industry: online, channel: 'b2c' },
    dataYear: 2014,
  },
  'walmart-cancel-rate': { peer: { industry: ['ecommerce'], region: 'US', channel: 'b2c' } },
  'walmart-on-time-delivery': { peer: { industry: ['ecommerce'], region: 'US', channel: 'b2c' } },
  // "All respondents" of the 2020 edition. Which year's performance it reports is not stated in
  // the file, so no data year: the edition's year ranks it.
  'werc-2020-damage-free': werc,
  'werc-2020-documentation-accuracy': werc,
  'werc-2020-on-time-delivery': werc,
  'werc-2020-on-time-shipment': werc,
  'werc-2020-order-accuracy': werc,
  'werc-2020-order-fill-rate': werc,
};

describe('the shipped sets state their peers as their sources do', () => {
  it.each(Object.entries(expected))('%s', (id, { peer, dataYear }) => {
    const set = shippedBandSet(id)!;
    expect(set).toBeDefined();
    expect(set.peer).toEqual(peer);
    expect(set.dataYear).toBe(dataYear);
  });
});

describe('the shipped perfect order sets without a profile', () => {
  it('head with APQC (April 2016, n = 9,032): the OpsDog page is undated', () => {
    const sets = ['opsdog-perfect-customer-order-rate', 'apqc-2016-perfect-order'].map((id) =>
      shippedBandSet(id)!,
    );
    const choice = chooseBandSet(sets, {})!;
    expect(choice.set.id).toBe('apqc-2016-perfect-order');
    expect(choice.reason).toBe('No organisation profile set: the newest of 2 sets is used');
  });
});

/**
 * Which of a KPI's band sets speaks for the organisation: the one whose peers are most like it.
 * Pure: the caller passes the sets it may place the value in and the organisation's profile.
 *
 * The rule, in order:
 * 1. A set that contradicts the profile on an attribute (retail peers for a wholesaler) ranks below
 *    every set that does not; among contradicting sets, fewer contradictions rank higher.
 * 2. More attributes stated by the set and matching the profile rank higher. A set that covers
 *    everyone on an attribute (cross-industry, any size, global, B2B and B2C) neither matches nor
 *    contradicts it, nor does a set that does not state the attribute.
 * 3. Then the newer data: dataYear, or failing that the first year its edition names.
 * 4. Then the larger sample (a set without one last).
 * 5. Then the id, so the choice never depends on the order the sets were read in.
 * Without a profile only 3–5 apply: the newest set is used, and the reason says no profile is set.
 */
import {
  EU_MEMBERS,
  peerAttributes,
  peerValueText,
  profileIsSet,
  profileValueText,
  type OrganisationProfile,
  type Peer,
  type PeerAttribute,
} from './peer';
import type { BandSet } from './schema';

export type ChoosableSet = Pick<BandSet, 'id' | 'name' | 'edition' | 'sampleSize'> &
  Partial<Pick<BandSet, 'peer' | 'dataYear'>>;

/**
 * How a set's stated attribute compares with the profile: match; covers (the set spans every
 * value, or the profile is global); differs; unstated (the set does not say); unasked (the profile
 * does not say).
 */
export type Fit = 'match' | 'covers' | 'differs' | 'unstated' | 'unasked';

export interface AttributeFit {
  attribute: PeerAttribute;
  fit: Fit;
  /** The set's value in words, null when it does not state one. */
  theirs: string | null;
  /** The profile's value in words, null when the profile does not say. */
  yours: string | null;
}

export interface RankedSet<S extends ChoosableSet> {
  set: S;
  fits: AttributeFit[];
  matches: number;
  differences: number;
  /** dataYear, else the first year the edition names; null when neither says. */
  year: number | null;
}

export interface BandSetChoice<S extends ChoosableSet> {
  set: S;
  /** Why this set, in words: "Matches your industry (retail) and region (US); closest of 3 sets". */
  reason: string;
  /** profile: ranked on the profile; newest: no profile set; user: the user picked it. */
  by: 'profile' | 'newest' | 'user';
  /** Every set, best first (the user's pick is not moved). */
  ranked: RankedSet<S>[];
}

const attributeWords: Record<PeerAttribute, string> = {
  industry: 'industry',
  size: 'company size',
  region: 'region',
  channel: 'sales channel',
};

/**
 * The first year (1950–2099) an edition names: "Holiday 2013 (reported 2014)" → 2013. An edition
 * that calls itself undated has none, whatever else it mentions ("Undated page (sample report:
 * 2017 edition)" says when a sample was made, not when the figures were).
 */
export function editionYear(edition: string): number | null {
  if (/\bundated\b/i.test(edition)) return null;
  const found = /\b(19[5-9]\d|20\d\d)\b/.exec(edition);
  return found ? Number(found[1]) : null;
}

function fitOf(attribute: PeerAttribute, peer: Peer, profile: OrganisationProfile): Fit {
  const yours = profile[attribute];
  if (yours === undefined) return 'unasked';
  switch (attribute) {
    case 'industry': {
      const theirs = peer.industry;
      if (!theirs) return 'unstated';
      if (theirs.includes(profile.industry!)) return 'match';
      return theirs.includes('cross_industry') ? 'covers' : 'differs';
    }
    case 'size':
      if (!peer.size) return 'unstated';
      if (peer.size === profile.size) return 'match';
      return peer.size === 'any' ? 'covers' : 'differs';
    case 'region':
      return regionFit(peer.region, profile.region!);
    case 'channel':
      if (!peer.channel) return 'unstated';
      if (peer.channel === profile.channel) return 'match';
      return peer.channel === 'mixed' || profile.channel === 'mixed' ? 'covers' : 'differs';
  }
}

/** EU peers match a member state; global peers, or a global organisation, neither match nor differ. */
function regionFit(theirs: string | undefined, yours: string): Fit {
  if (!theirs) return 'unstated';
  if (theirs === yours) return 'match';
  if (theirs === 'EU' && EU_MEMBERS.has(yours)) return 'match';
  if (theirs === 'global' || yours === 'global') return 'covers';
  if (yours === 'EU' && EU_MEMBERS.has(theirs)) return 'covers';
  return 'differs';
}

function rank<S extends ChoosableSet>(set: S, profile: OrganisationProfile): RankedSet<S> {
  const peer = set.peer ?? {};
  const fits = peerAttributes.map((attribute) => ({
    attribute,
    fit: fitOf(attribute, peer, profile),
    theirs: peerValueText(attribute, peer),
    yours: profileValueText(attribute, profile),
  }));
  return {
    set,
    fits,
    matches: fits.filter((f) => f.fit === 'match').length,
    differences: fits.filter((f) => f.fit === 'differs').length,
    year: set.dataYear ?? editionYear(set.edition),
  };
}

/** The keys of the rule in order; each compares two ranked sets, negative when `a` is better. */
const keys = {
  fit: <S extends ChoosableSet>(a: RankedSet<S>, b: RankedSet<S>) =>
    a.differences - b.differences || b.matches - a.matches,
  year: <S extends ChoosableSet>(a: RankedSet<S>, b: RankedSet<S>) =>
    (b.year ?? -Infinity) - (a.year ?? -Infinity) || 0,
  sample: <S extends ChoosableSet>(a: RankedSet<S>, b: RankedSet<S>) =>
    (b.set.sampleSize ?? -Infinity) - (a.set.sampleSize ?? -Infinity) || 0,
  id: <S extends ChoosableSet>(a: RankedSet<S>, b: RankedSet<S>) =>
    a.set.id < b.set.id ? -1 : a.set.id > b.set.id ? 1 : 0,
};
type Key = keyof typeof keys;
const keyOrder: Key[] = ['fit', 'year', 'sample', 'id'];

function compare<S extends ChoosableSet>(a: RankedSet<S>, b: RankedSet<S>): number {
  for (const key of keyOrder) {
    const c = keys[key](a, b);
    if (c !== 0) return c;
  }
  return 0;
}

/** Every set ranked on the profile, best first. */
export function rankBandSets<S extends ChoosableSet>(
  sets: readonly S[],
  profile: OrganisationProfile,
): RankedSet<S>[] {
  return sets.map((set) => rank(set, profile)).sort(compare);
}

/**
 * The set that speaks for the organisation, with the reason in words; null without sets. With
 * `setId` naming one of the sets, that one (the user's pick), the reason naming the best match.
 */
export function chooseBandSet<S extends ChoosableSet>(
  sets: readonly S[],
  profile: OrganisationProfile,
  options: { setId?: string | null } = {},
): BandSetChoice<S> | null {
  const ranked = rankBandSets(sets, profile);
  const [best] = ranked;
  if (!best) return null;
  const bestReason = reasonFor(ranked, profile);
  const asked = options.setId;
  if (!asked) return choice(best, bestReason, profileIsSet(profile) ? 'profile' : 'newest', ranked);
  const picked = ranked.find((r) => r.set.id === asked);
  if (!picked) {
    const n = ranked.length;
    const note = `"${asked}" is not among the ${n === 1 ? 'set' : `${n} sets`} that place this value`;
    return choice(
      best,
      `${note}. ${bestReason}`,
      profileIsSet(profile) ? 'profile' : 'newest',
      ranked,
    );
  }
  const reason =
    picked === best
      ? `Chosen by you, and the best match too. ${bestReason}`
      : `Chosen by you. The best match is ${best.set.name}. ${bestReason}`;
  return choice(picked, reason, 'user', ranked);
}

function choice<S extends ChoosableSet>(
  picked: RankedSet<S>,
  reason: string,
  by: BandSetChoice<S>['by'],
  ranked: RankedSet<S>[],
): BandSetChoice<S> {
  return { set: picked.set, reason, by, ranked };
}

/** The reason the first of `ranked` is the best. */
function reasonFor<S extends ChoosableSet>(
  ranked: RankedSet<S>[],
  profile: OrganisationProfile,
): string {
  const [best, next] = ranked as [RankedSet<S>, RankedSet<S> | undefined];
  const decided = next ? keyOrder.find((k) => keys[k](best, next) !== 0)! : null;
  // The sets alike with the best on every key before the deciding one.
  const before = decided ? keyOrder.slice(0, keyOrder.indexOf(decided)) : [];
  const alike = ranked.filter((r) => before.every((k) => keys[k](best, r) === 0)).length;
  if (!profileIsSet(profile)) return `No organisation profile set: ${newestTail(decided, alike)}`;
  return `${fitClause(best)}; ${profileTail(decided, alike, ranked.length)}`;
}

function newestTail(decided: Key | null, alike: number): string {
  switch (decided) {
    case null:
      return 'the only set is used';
    case 'fit':
    case 'year':
      return `the newest of ${alike} sets is used`;
    case 'sample':
      return `of the ${alike} newest sets, the one with the largest sample is used`;
    case 'id':
      return `of ${alike} sets alike in year and sample, the first by id is used`;
  }
}

function profileTail(decided: Key | null, alike: number, n: number): string {
  switch (decided) {
    case null:
      return 'the only set';
    case 'fit':
      return `closest of ${n} sets`;
    case 'year':
      return `newest of the ${alike} sets that fit as well (of ${n})`;
    case 'sample':
      return `largest sample of the ${alike} sets that fit as well and are as new (of ${n})`;
    case 'id':
      return `first by id of the ${alike} sets alike in fit, year and sample (of ${n})`;
  }
}

/** "Matches your industry (retail) and region (US)", or how the set differs when every set does. */
function fitClause<S extends ChoosableSet>(best: RankedSet<S>): string {
  const matched = best.fits.filter((f) => f.fit === 'match').map(matchWords);
  const differing = best.fits.filter((f) => f.fit === 'differs').map(differenceWords);
  if (differing.length) {
    const also = matched.length ? `; it matches your ${list(matched)}` : '';
    return `Every set differs from your profile; this one least (${differing.join('; ')})${also}`;
  }
  if (matched.length) return `Matches your ${list(matched)}`;
  return 'No set matches your profile on an attribute it states; this one contradicts none of it';
}

function matchWords(f: AttributeFit): string {
  const within = f.theirs !== f.yours ? `, within ${f.theirs === 'EU' ? 'the EU' : f.theirs}` : '';
  return `${attributeWords[f.attribute]} (${f.yours}${within})`;
}

function differenceWords(f: AttributeFit): string {
  return `${attributeWords[f.attribute]}: ${f.theirs}, yours ${f.yours}`;
}

/** "a", "a and b", "a, b and c". */
function list(items: string[]): string {
  return items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The set a single headline placement uses, as shown beside it. */
export interface HeadlineChoice {
  setId: string;
  name: string;
  reason: string;
  by: BandSetChoice<ChoosableSet>['by'];
  /** How many sets the value was placed in (the ones the choice was made among). */
  candidates: number;
}

/**
 * Placements with the chosen set's first (the headline everywhere placements[0] is read), and the
 * choice; only the sets the value is placed in are candidates. `sets` holds their definitions.
 */
export function headlineFirst<P extends { source: { setId: string } }>(
  placements: readonly P[],
  sets: readonly ChoosableSet[],
  profile: OrganisationProfile,
  setId?: string | null,
): { placements: P[]; choice: HeadlineChoice | null } {
  const placed = new Set(placements.map((p) => p.source.setId));
  const candidates = sets.filter((s) => placed.has(s.id));
  const chosen = chooseBandSet(candidates, profile, { setId });
  if (!chosen) return { placements: [...placements], choice: null };
  const first = placements.filter((p) => p.source.setId === chosen.set.id);
  const rest = placements.filter((p) => p.source.setId !== chosen.set.id);
  return {
    placements: [...first, ...rest],
    choice: {
      setId: chosen.set.id,
      name: chosen.set.name,
      reason: chosen.reason,
      by: chosen.by,
      candidates: candidates.length,
    },
  };
}

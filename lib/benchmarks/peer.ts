/**
 * Who a band set's peers are, as the source states it (industry, company size, region, sales
 * channel), and the same words for the organisation's own profile. Every attribute is optional:
 * absent means the source does not say, and nothing is guessed. A set's free-text peerGroup keeps
 * the source's own words; these attributes are what placement can compare with the profile.
 */
import { z } from 'zod';

export const peerIndustries = [
  'retail',
  'ecommerce',
  'wholesale_distribution',
  'manufacturing',
  'consumer_products',
  'third_party_logistics',
  'cross_industry',
] as const;
export type PeerIndustry = (typeof peerIndustries)[number];

/** 'any': the source covers companies of every size. */
export const peerSizes = ['small', 'midsize', 'large', 'any'] as const;
export type PeerSize = (typeof peerSizes)[number];

/** 'mixed': the source's peers sell to businesses and to consumers. */
export const peerChannels = ['b2b', 'b2c', 'mixed'] as const;
export type PeerChannel = (typeof peerChannels)[number];

/** The member states of the European Union (ISO 3166-1 alpha-2; Greece is GR). */
export const EU_MEMBERS: ReadonlySet<string> = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' '),
);

/** Codes ISO 3166-1 reserves (private use, other bodies; UK: the code is GB): no country. */
const notCountries = /^(AA|AC|CP|DG|EA|EZ|IC|TA|UK|UN|Q[M-Z]|X[A-Z]|ZZ)$/;

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/**
 * A region as stored: 'global', 'EU' or an ISO 3166-1 alpha-2 code in capitals ('us' → 'US');
 * null when the text is none of these.
 */
export function regionOf(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'global') return 'global';
  const code = trimmed.toUpperCase();
  if (code === 'EU') return 'EU';
  if (!/^[A-Z]{2}$/.test(code) || notCountries.test(code)) return null;
  return regionNames.of(code) ? code : null;
}

const REGION_MESSAGE = '"global", "EU" or an ISO 3166-1 alpha-2 country code such as US or DE';

const region = z.string({ error: `must be text: ${REGION_MESSAGE}` }).transform((text, ctx) => {
  const code = regionOf(text);
  if (code) return code;
  ctx.addIssue({ code: 'custom', message: `not a region: ${REGION_MESSAGE}` });
  return z.NEVER;
});

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `one of ${values.join(', ')}` });

/** A band set's peers, exactly as the shipped files write them: every key optional. */
export const peerSchema = z
  .object({
    industry: z
      .array(oneOf(peerIndustries), {
        error: `a list of industries (${peerIndustries.join(', ')})`,
      })
      .min(1, 'at least one industry; leave industry out when the source does not say')
      .refine((list) => new Set(list).size === list.length, 'names an industry twice')
      .optional(),
    size: oneOf(peerSizes).optional(),
    region: region.optional(),
    channel: oneOf(peerChannels).optional(),
  })
  .strict();

export type Peer = z.output<typeof peerSchema>;

/** What an organisation is: one industry, size and region; cross-industry and 'any' are no one's. */
export const profileIndustries = [
  'retail',
  'ecommerce',
  'wholesale_distribution',
  'manufacturing',
  'consumer_products',
  'third_party_logistics',
] as const satisfies readonly PeerIndustry[];
export const profileSizes = ['small', 'midsize', 'large'] as const;

export const organisationProfileSchema = z
  .object({
    industry: oneOf(profileIndustries).optional(),
    size: oneOf(profileSizes).optional(),
    region: region.optional(),
    channel: oneOf(peerChannels).optional(),
  })
  .strict();

export type OrganisationProfile = z.output<typeof organisationProfileSchema>;

export const peerAttributes = ['industry', 'size', 'region', 'channel'] as const;
export type PeerAttribute = (typeof peerAttributes)[number];

const industryWords: Record<PeerIndustry, string> = {
  retail: 'retail',
  ecommerce: 'e-commerce',
  wholesale_distribution: 'wholesale distribution',
  manufacturing: 'manufacturing',
  consumer_products: 'consumer products',
  third_party_logistics: 'third-party logistics',
  cross_industry: 'cross-industry',
};

const channelWords: Record<PeerChannel, string> = { b2b: 'B2B', b2c: 'B2C', mixed: 'B2B and B2C' };

export const industryText = (industry: PeerIndustry) => industryWords[industry];
export const channelText = (channel: PeerChannel) => channelWords[channel];

/** A region's code as shown ('US', 'EU', 'global'). */
export const regionText = (region: string) => region;

/** A profile's attribute value in words: "retail", "US", "B2C". */
export function profileValueText(
  attribute: PeerAttribute,
  profile: OrganisationProfile,
): string | null {
  switch (attribute) {
    case 'industry':
      return profile.industry ? industryText(profile.industry) : null;
    case 'size':
      return profile.size ?? null;
    case 'region':
      return profile.region ? regionText(profile.region) : null;
    case 'channel':
      return profile.channel ? channelText(profile.channel) : null;
  }
}

/** A set's stated attribute in words: "retail, wholesale distribution", "large". */
export function peerValueText(attribute: PeerAttribute, peer: Peer): string | null {
  switch (attribute) {
    case 'industry':
      return peer.industry?.map(industryText).join(', ') ?? null;
    case 'size':
      return peer.size ? (peer.size === 'any' ? 'any size' : peer.size) : null;
    case 'region':
      return peer.region ? regionText(peer.region) : null;
    case 'channel':
      return peer.channel ? channelText(peer.channel) : null;
  }
}

/** The profile in words: "retail, large, US, B2C"; "not set" when it says nothing. */
export function describeProfile(profile: OrganisationProfile): string {
  const parts = peerAttributes
    .map((a) => profileValueText(a, profile))
    .filter((v): v is string => v !== null);
  return parts.length ? parts.join(', ') : 'not set';
}

/** Whether the profile states any attribute. */
export const profileIsSet = (profile: OrganisationProfile) =>
  peerAttributes.some((a) => profile[a] !== undefined);

/** A set's stated peers in words: "retail, e-commerce · US · B2C"; null when it states none. */
export function describePeer(peer: Peer | undefined): string | null {
  if (!peer) return null;
  const parts = peerAttributes
    .map((a) => peerValueText(a, peer))
    .filter((v): v is string => v !== null);
  return parts.length ? parts.join(' · ') : null;
}

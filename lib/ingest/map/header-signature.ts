/**
 * The key a saved mapping profile is found by: a file's headers as planTransform matches them
 * (trimmed, any case), in any order. Pure, for the browser too; the profiles themselves are kept
 * in the database (load/profiles.ts).
 */

/** Headers as planTransform matches them (trimmed, any case), sorted and joined: order-free. */
export function headerSignature(headers: string[]): string {
  const normalised = headers.map((h) => h.normalize('NFC').trim().toLowerCase()).filter(Boolean);
  return JSON.stringify([...new Set(normalised)].sort());
}

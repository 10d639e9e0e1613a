/**
 * The words of a header, as the automatic mapping compares them: folded (case, accents), split
 * (camelCase, punctuation) and with abbreviations expanded. Pure, for the client-side wizard too.
 */
import { tokenAliases } from './synonyms';

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss');

/** 'Order-Date ' -> 'orderdate', '\uFEFFWährung' -> 'wahrung'. */
export function normaliseHeader(h: string): string {
  return fold(h).replace(/[^a-z0-9]/g, '');
}

/** Words of a header, camelCase split and abbreviations expanded: 'SalesQty' -> sales, quantity. */
export function headerWords(h: string): string[] {
  const spaced = h
    .replace(/#/g, ' number ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  return fold(spaced)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((w) => tokenAliases[w] ?? w);
}

import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

describe('the path to return to after signing in', () => {
  it('keeps our own paths with their query', () => {
    expect(safeReturnPath('/kpis/order_fill_rate?from=2025-01-01&site=DC%20North')).toBe(
      '/kpis/order_fill_rate?from=2025-01-01&site=DC%20North',
    );
    expect(safeReturnPath('/')).toBe('/');
    expect(safeReturnPath('/orders#top')).toBe('/orders#top');
  });

  it('sends every form that a browser would read as another site to the home page', () => {
    for (const next of [
      '/%09/evil.example', // the finding: a tab the browser drops, leaving //evil.example
      '/\t/evil.example',
      '/%0a/evil.example',
      '/%0d/evil.example',
      '/\r\n/evil.example',
      '//evil.example',
      '/%2f/evil.example',
      '/%2F%2Fevil.example',
      '/\\evil.example',
      '/%5cevil.example',
      '\\\\evil.example',
      'https://evil.example',
      'http:evil.example',
      'javascript:alert(1)',
      'evil.example',
      '/％２ｆevil.example', // full-width characters
      '/é',
      '/%C3%A9',
      '/%E0%A4%A',
      '',
      '/'.padEnd(3000, 'a'),
    ])
      expect(safeReturnPath(next), JSON.stringify(next)).toBe('/');
    expect(safeReturnPath(['/a', '/b'])).toBe('/');
    expect(safeReturnPath(undefined)).toBe('/');
  });
});

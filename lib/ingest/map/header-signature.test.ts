import { describe, expect, it } from 'vitest';
import { headerSignature } from './header-signature';

describe('header signature', () => {
  it('signs headers without regard to order, case or surrounding blanks', () => {
    expect(headerSignature(['B', 'a '])).toBe(headerSignature(['A', 'b']));
    expect(headerSignature(['a,b'])).not.toBe(headerSignature(['a', 'b']));
  });
});

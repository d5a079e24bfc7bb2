import { describe, expect, it } from 'vitest';
import { compilePattern, matchWhole, testPattern } from '../../src/core/patterns.js';

const reason = (source: string) => {
  const compiled = compilePattern(source);
  return compiled.ok ? undefined : compiled.reason;
};

describe('user patterns', () => {
  it('matches like RegExp.prototype.test: anywhere unless anchored', () => {
    const anchored = compilePattern('^[a-z]+(-[a-z]+)*$');
    const loose = compilePattern('ord');
    expect(anchored.ok && loose.ok).toBe(true);
    if (!anchored.ok || !loose.ok) return;
    expect([testPattern(anchored, 'order-events'), testPattern(anchored, 'Order')]).toEqual([true, false]);
    expect(testPattern(loose, 'big-orders')).toBe(true);
  });

  it('gives the capture groups of a whole-input match', () => {
    const compiled = compilePattern('commerce\\.orders\\.v(\\d+)');
    expect(compiled.ok && matchWhole(compiled, 'commerce.orders.v12')).toEqual(['commerce.orders.v12', '12']);
    expect(compiled.ok && matchWhole(compiled, 'commerce.orders.v12x')).toBeUndefined();
  });

  it('says why a pattern cannot be used', () => {
    expect(reason('([a-z')).toMatch(/^is not a valid regular expression \(missing closing \]/);
    expect(reason('^(?!tmp)')).toMatch(/^uses lookaround/);
    expect(reason('(?<!a)b')).toMatch(/^uses lookaround/);
    expect(reason('(a)\\1')).toMatch(/^uses a backreference/);
    expect(reason('a'.repeat(257))).toBe('is 257 characters long, more than the 256 allowed');
    expect(reason('[a-z]{1,1000}')).toBe('compiles to too large a program (lower its repeat counts)');
    expect(reason('^[a-z]{1,64}$')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { closest } from '../../src/core/suggest.js';

describe('closest', () => {
  it('still finds typos', () => {
    expect(closest('retention.msec', ['retention.ms', 'retention.bytes'])).toBe('retention.ms');
    expect(closest('Status', ['status', 'owners'])).toBe('status');
    expect(closest('zzzzzz', ['status', 'owners'])).toBeUndefined();
  });

  it('gives up on words no key is a typo of, without comparing them', () => {
    expect(closest('k'.repeat(100_000), ['k'.repeat(100_000)])).toBeUndefined();
  });
});

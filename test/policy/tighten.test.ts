import { describe, expect, it } from 'vitest';
import { tightenAll, tighteners } from '../../src/policy/tighten.js';

describe('tighteners.min', () => {
  const min = tighteners.min('min');

  it('keeps the inherited params when the override does not name the key', () => {
    const inherited = { min: 3, other: 'x' };
    const result = min(inherited, { max: 1 });
    expect(result.params).toBe(inherited);
    expect(result.loosened).toEqual([]);
  });

  it('takes a raised or equal lower bound', () => {
    expect(min({ min: 3, other: 'x' }, { min: 5 })).toEqual({ params: { min: 5, other: 'x' }, loosened: [] });
    expect(min({ min: 3 }, { min: 3 })).toEqual({ params: { min: 3 }, loosened: [] });
  });

  it('keeps the inherited bound and names the key when the override lowers it', () => {
    const inherited = { min: 3 };
    expect(min(inherited, { min: 2 })).toEqual({ params: { min: 3 }, loosened: ['min'] });
  });

  it('takes any override where nothing is inherited', () => {
    expect(min({}, { min: 0 })).toEqual({ params: { min: 0 }, loosened: [] });
  });

  it('reads a non-number override as no bound at all, which loosens', () => {
    expect(min({ min: 3 }, { min: 'many' }).loosened).toEqual(['min']);
  });

  it('converts with the given function (durations)', () => {
    const seconds = (v: unknown) => (v === 'PT1H' ? 3600 : v === 'P1D' ? 86_400 : undefined);
    const byDuration = tighteners.min('min', seconds);
    expect(byDuration({ min: 'PT1H' }, { min: 'P1D' })).toEqual({ params: { min: 'P1D' }, loosened: [] });
    expect(byDuration({ min: 'P1D' }, { min: 'PT1H' }).loosened).toEqual(['min']);
  });
});

describe('tighteners.max', () => {
  const max = tighteners.max('max');

  it('takes a lowered or equal upper bound', () => {
    expect(max({ max: 10 }, { max: 4 })).toEqual({ params: { max: 4 }, loosened: [] });
    expect(max({ max: 10 }, { max: 10 })).toEqual({ params: { max: 10 }, loosened: [] });
  });

  it('refuses a raised upper bound', () => {
    expect(max({ max: 10 }, { max: 11 })).toEqual({ params: { max: 10 }, loosened: ['max'] });
  });

  it('reads a non-number override as unbounded, which loosens', () => {
    expect(max({ max: 10 }, { max: null }).loosened).toEqual(['max']);
  });
});

describe('tighteners.allow', () => {
  const allow = tighteners.allow('allowInfinite');

  it('lets an override withdraw a permission', () => {
    expect(allow({ allowInfinite: true }, { allowInfinite: false })).toEqual({
      params: { allowInfinite: false },
      loosened: [],
    });
  });

  it('refuses an override that grants a permission not inherited', () => {
    expect(allow({ allowInfinite: false }, { allowInfinite: true })).toEqual({
      params: { allowInfinite: false },
      loosened: ['allowInfinite'],
    });
  });

  it('lets an override repeat a granted permission', () => {
    expect(allow({ allowInfinite: true }, { allowInfinite: true }).loosened).toEqual([]);
  });
});

describe('tighteners.union', () => {
  const union = tighteners.union('fields');

  it('adds the override’s entries to the inherited list, once each, never loosening', () => {
    expect(union({ fields: ['a', 'b'] }, { fields: ['b', 'c'] })).toEqual({
      params: { fields: ['a', 'b', 'c'] },
      loosened: [],
    });
  });

  it('treats single values and missing lists as lists', () => {
    expect(union({ fields: 'a' }, { fields: 'b' }).params).toEqual({ fields: ['a', 'b'] });
    expect(union({}, { fields: ['x'] }).params).toEqual({ fields: ['x'] });
  });

  it('an empty override list removes nothing', () => {
    expect(union({ fields: ['a'] }, { fields: [] }).params).toEqual({ fields: ['a'] });
  });

  it('keeps the inherited params when the key is absent', () => {
    const inherited = { fields: ['a'] };
    expect(union(inherited, {}).params).toBe(inherited);
  });
});

describe('tighteners.ordered', () => {
  const rank: Record<string, number> = { low: 0, mid: 1, high: 2 };
  const ordered = tighteners.ordered('level', (i, o) => (rank[o as string] ?? -1) >= (rank[i as string] ?? -1));

  it('takes a stricter or equal value and refuses a weaker one', () => {
    expect(ordered({ level: 'mid' }, { level: 'high' })).toEqual({ params: { level: 'high' }, loosened: [] });
    expect(ordered({ level: 'mid' }, { level: 'mid' }).loosened).toEqual([]);
    expect(ordered({ level: 'mid' }, { level: 'low' })).toEqual({ params: { level: 'mid' }, loosened: ['level'] });
  });
});

describe('tightenAll', () => {
  const bounds = tightenAll(tighteners.min('min'), tighteners.max('max'));

  it('applies every step to the result of the one before', () => {
    expect(bounds({ min: 1, max: 10 }, { min: 2, max: 8 })).toEqual({ params: { min: 2, max: 8 }, loosened: [] });
  });

  it('collects the loosened keys of every step, keeping what each refused', () => {
    expect(bounds({ min: 2, max: 8 }, { min: 1, max: 10 })).toEqual({
      params: { min: 2, max: 8 },
      loosened: ['min', 'max'],
    });
    expect(bounds({ min: 2, max: 8 }, { min: 3, max: 10 })).toEqual({ params: { min: 3, max: 8 }, loosened: ['max'] });
  });

  it('with no steps returns the inherited params', () => {
    expect(tightenAll()({ a: 1 }, { a: 2 })).toEqual({ params: { a: 1 }, loosened: [] });
  });
});

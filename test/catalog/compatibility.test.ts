import { describe, expect, it } from 'vitest';
import { effectiveCompatibility, isLoosening, satisfiesLevel } from '../../src/catalog/compatibility.js';
import type { Compatibility } from '../../src/catalog/manifest-types.js';

const all: Compatibility[] = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
];

describe('isLoosening', () => {
  it('is true when the new level drops a promise of the old one', () => {
    expect(isLoosening('BACKWARD', 'FORWARD')).toBe(true);
    expect(isLoosening('FULL', 'BACKWARD')).toBe(true);
    expect(isLoosening('BACKWARD_TRANSITIVE', 'BACKWARD')).toBe(true);
    expect(isLoosening('FULL_TRANSITIVE', 'FULL')).toBe(true);
    expect(isLoosening('FORWARD', 'NONE')).toBe(true);
  });

  it('is false when every promise is kept, including staying put', () => {
    expect(isLoosening('BACKWARD', 'FULL')).toBe(false);
    expect(isLoosening('BACKWARD', 'BACKWARD_TRANSITIVE')).toBe(false);
    expect(isLoosening('NONE', 'FORWARD')).toBe(false);
    expect(isLoosening('FULL', 'FULL_TRANSITIVE')).toBe(false);
    for (const level of all) expect(isLoosening(level, level)).toBe(false);
  });

  it('nothing loosens FULL_TRANSITIVE except leaving it; NONE loosens everything else', () => {
    for (const level of all) {
      expect(isLoosening(level, 'FULL_TRANSITIVE')).toBe(false);
      expect(isLoosening(level, 'NONE')).toBe(level !== 'NONE');
    }
  });
});

describe('satisfiesLevel', () => {
  it('holds when the level keeps every promise of the minimum', () => {
    expect(satisfiesLevel('FULL', 'BACKWARD')).toBe(true);
    expect(satisfiesLevel('BACKWARD', 'BACKWARD')).toBe(true);
    expect(satisfiesLevel('FORWARD_TRANSITIVE', 'FORWARD')).toBe(true);
    expect(satisfiesLevel('BACKWARD', 'NONE')).toBe(true);
  });

  it('fails when the level falls short of the minimum', () => {
    expect(satisfiesLevel('BACKWARD', 'FULL')).toBe(false);
    expect(satisfiesLevel('FORWARD', 'BACKWARD')).toBe(false);
    expect(satisfiesLevel('BACKWARD', 'BACKWARD_TRANSITIVE')).toBe(false);
    expect(satisfiesLevel('NONE', 'FORWARD')).toBe(false);
  });
});

describe('effectiveCompatibility', () => {
  it('takes the port’s own level, else the default, else BACKWARD', () => {
    expect(effectiveCompatibility('NONE', 'FULL')).toBe('NONE');
    expect(effectiveCompatibility(undefined, 'FULL')).toBe('FULL');
    expect(effectiveCompatibility(undefined, undefined)).toBe('BACKWARD');
  });
});

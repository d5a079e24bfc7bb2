import { describe, expect, it } from 'vitest';
import { at } from '../../src/policy/rule-types.js';

describe('at', () => {
  const here = { path: 'catalog/a/product.yaml', line: 3, column: 5 };
  const before = { path: 'catalog/a/product.yaml', line: 2, column: 1 };

  it('makes a finding at a location, without a previous location when none is given', () => {
    const finding = at(here, 'Something is off.');
    expect(finding).toEqual({ location: here, message: 'Something is off.' });
    expect('previousLocation' in finding).toBe(false);
  });

  it('carries the previous location when one is given', () => {
    expect(at(here, 'Moved.', before)).toEqual({ location: here, message: 'Moved.', previousLocation: before });
  });
});

import { describe, expect, it } from 'vitest';
import { nodeOf } from '../../src/schema/compat-graph.js';
import {
  breakAt,
  compatible,
  merge,
  pathOf,
  warningAt,
  type CheckResult,
  type Side,
} from '../../src/schema/compat-types.js';
import { parseOne } from '../support/avro-verdicts.js';

const type = parseOne('"int"')!;
const side = (step: string, parent?: Side): Side => ({
  type,
  node: nodeOf(type),
  file: 'a.avsc',
  span: { start: 0, end: 1 },
  parent,
  step,
});
const chain = (...steps: string[]): Side => steps.reduce<Side>((parent, step) => side(step, parent), side(''));

describe('pathOf', () => {
  it('is empty at the top and joins field names with dots', () => {
    expect(pathOf(side(''))).toBe('');
    expect(pathOf(chain('address', 'zip'))).toBe('address.zip');
  });

  it('appends [] and {} without a dot, and skips the empty steps of union branches', () => {
    expect(pathOf(chain('lines', '[]', 'price'))).toBe('lines[].price');
    expect(pathOf(chain('tags', '{}'))).toBe('tags{}');
    expect(pathOf(chain('a', '', 'b', ''))).toBe('a.b');
    expect(pathOf(chain('[]', 'x'))).toBe('[].x');
  });
});

describe('breakAt and warningAt', () => {
  it('make one error that fails the check, with its extras', () => {
    const r = side('r');
    const w = side('w');
    expect(breakAt('MISSING_ENUM_SYMBOLS', r, w, { symbols: ['B'] })).toEqual({
      compatible: false,
      breaks: [{ ruleId: 'MISSING_ENUM_SYMBOLS', severity: 'error', reader: r, writer: w, symbols: ['B'] }],
    });
    expect(breakAt('TYPE_MISMATCH', r, w).breaks[0]).not.toHaveProperty('field');
  });

  it('make one warning that keeps the check compatible', () => {
    const r = side('r');
    const w = side('w');
    expect(warningAt('LOGICAL_TYPE_CHANGED', r, w)).toEqual({
      compatible: true,
      breaks: [{ ruleId: 'LOGICAL_TYPE_CHANGED', severity: 'warning', reader: r, writer: w }],
    });
  });
});

describe('merge', () => {
  const r = side('r');
  const w = side('w');
  const error = breakAt('TYPE_MISMATCH', r, w);
  const warning = warningAt('LOGICAL_TYPE_CHANGED', r, w);

  it('is the shared compatible result when nothing broke', () => {
    expect(merge([])).toBe(compatible);
    expect(merge([compatible, { compatible: true, breaks: [] }])).toBe(compatible);
  });

  it('returns the only result with something in it as it is', () => {
    expect(merge([compatible, error, compatible])).toBe(error);
    expect(merge([warning])).toBe(warning);
    const bare: CheckResult = { compatible: false, breaks: [] };
    expect(merge([compatible, bare])).toBe(bare);
  });

  it('is compatible only when every part is, keeping each break once', () => {
    const both = merge([warning, error, warning, error]);
    expect(both.compatible).toBe(false);
    expect(both.breaks).toEqual([warning.breaks[0], error.breaks[0]]);
    expect(both.breaks[0]).toBe(warning.breaks[0]);
    const warnings = merge([warning, warningAt('LOGICAL_TYPE_CHANGED', w, r)]);
    expect(warnings.compatible).toBe(true);
    expect(warnings.breaks).toHaveLength(2);
  });
});

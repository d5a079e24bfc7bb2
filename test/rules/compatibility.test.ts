import { describe, expect, it } from 'vitest';
import { compatibilityRules } from '../../src/rules/compatibility.js';
import type { AvroType } from '../../src/schema/avro-model.js';
import { checkReaderWriter } from '../../src/schema/compat-check.js';
import { maxResolutionDepth } from '../../src/schema/compat-resolve.js';
import { parseOne } from '../support/avro-verdicts.js';

type Id = keyof typeof compatibilityRules;
const s = (schema: unknown) => parseOne(JSON.stringify(schema))!;
const rec = (...fields: unknown[]) => s({ type: 'record', name: 'R', fields });
const nested = (leaf: 'int' | 'long'): AvroType => {
  const span = { start: 0, end: 1 };
  let t: AvroType = { type: leaf, file: 'a.avsc', span, props: {} };
  for (let i = 0; i <= maxResolutionDepth; i++)
    t = { type: 'array', items: t, itemsSpan: span, file: 'a.avsc', span, props: {} };
  return t;
};

/** A reader and a writer whose only break is the rule. */
const cases: Record<Id, () => [AvroType, AvroType]> = {
  READER_FIELD_MISSING_DEFAULT_VALUE: () => [rec({ name: 'a', type: 'int' }), rec()],
  TYPE_MISMATCH: () => [s('int'), s('string')],
  MISSING_UNION_BRANCH: () => [s(['null', 'string']), s('int')],
  MISSING_ENUM_SYMBOLS: () => [
    s({ type: 'enum', name: 'E', symbols: ['A'] }),
    s({ type: 'enum', name: 'E', symbols: ['A', 'B'] }),
  ],
  NAME_MISMATCH: () => [s({ type: 'fixed', name: 'A', size: 1 }), s({ type: 'fixed', name: 'B', size: 1 })],
  FIXED_SIZE_MISMATCH: () => [s({ type: 'fixed', name: 'A', size: 1 }), s({ type: 'fixed', name: 'A', size: 2 })],
  READER_FIELD_AMBIGUOUS: () => [
    rec({ name: 'a', type: 'int', aliases: ['b'] }),
    rec({ name: 'a', type: 'int' }, { name: 'b', type: 'int' }),
  ],
  LOGICAL_TYPE_CHANGED: () => [s({ type: 'int', logicalType: 'date' }), s('int')],
  RESOLUTION_TOO_DEEP: () => [nested('int'), nested('long')],
};

describe('compatibilityRules', () => {
  it.each(Object.keys(cases) as Id[])('registers %s with the severity the checker gives it', (id) => {
    const [reader, writer] = cases[id]();
    const result = checkReaderWriter(reader, writer);
    expect(result.breaks.map((b) => [b.ruleId, b.severity])).toEqual([[id, compatibilityRules[id].severity]]);
    expect(result.compatible).toBe(compatibilityRules[id].severity !== 'error');
  });

  it('states the depth at which resolution stops as the resolver does', () => {
    expect(compatibilityRules.RESOLUTION_TOO_DEEP.summary).toContain(`${maxResolutionDepth} nested`);
    expect(Object.keys(compatibilityRules).sort()).toEqual(Object.keys(cases).sort());
  });
});

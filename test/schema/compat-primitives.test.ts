import { describe, expect, it } from 'vitest';
import { checkCompatibility, checkReaderWriter } from '../../src/schema/compat-check.js';
import { primitiveNames } from '../../src/schema/avro-model.js';
import { parseOne } from '../support/avro-verdicts.js';
import { record, tuples } from '../support/compat-helpers.js';

/** The Avro specification's promotions: reader type → writer types it reads besides itself. */
const readable: Record<string, string[]> = {
  long: ['int'],
  float: ['int', 'long'],
  double: ['int', 'long', 'float'],
  string: ['bytes'],
  bytes: ['string'],
};

describe('primitive types and promotions', () => {
  for (const reader of primitiveNames) {
    for (const writer of primitiveNames) {
      const expected = reader === writer || (readable[reader] ?? []).includes(writer);
      it(`${reader} ${expected ? 'reads' : 'cannot read'} ${writer}`, () => {
        const result = checkReaderWriter(parseOne(`"${reader}"`)!, parseOne(`"${writer}"`)!);
        expect(result.compatible).toBe(expected);
        expect(result.breaks.map((b) => b.ruleId)).toEqual(expected ? [] : ['TYPE_MISMATCH']);
      });
    }
  }
});

describe('logical types', () => {
  const price = (precision: number, scale: number) =>
    record('Item', [
      `{"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": ${precision}, "scale": ${scale}}}`,
    ]);

  it('warns, without breaking, when a decimal changes scale', () => {
    const result = checkCompatibility(
      { path: 'new.avsc', text: price(12, 4) },
      [{ path: 'old.avsc', text: price(10, 2) }],
      'FULL',
    );
    expect(result.status).toBe('compatible');
    expect(tuples(result)).toEqual([['LOGICAL_TYPE_CHANGED', 'new.avsc', 2, 2]]);
    expect(result.findings.every((f) => f.severity === 'warning')).toBe(true);
    expect(result.findings[0]?.message).toContain('from decimal(10, 2) to decimal(12, 4)');
  });

  it('warns when a promotion also changes the logical type', () => {
    const v1 = record('E', ['{"name": "at", "type": {"type": "int", "logicalType": "date"}}']);
    const v2 = record('E', ['{"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}}']);
    const result = checkCompatibility({ path: 'new.avsc', text: v2 }, [{ path: 'old.avsc', text: v1 }], 'BACKWARD');
    expect(result.status).toBe('compatible');
    expect(tuples(result)).toEqual([['LOGICAL_TYPE_CHANGED', 'new.avsc', 2, 2]]);
  });

  it('says nothing when the logical type is unchanged', () => {
    expect(
      checkCompatibility({ path: 'new.avsc', text: price(10, 2) }, [{ path: 'old.avsc', text: price(10, 2) }], 'FULL')
        .findings,
    ).toEqual([]);
  });
});

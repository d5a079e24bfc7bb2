import { describe, expect, it } from 'vitest';
import { maxDecimalPrecision, parseLogicalType } from '../../src/schema/avro-logical.js';

describe('maxDecimalPrecision', () => {
  it('is floor(log10(2^(8n - 1))), as Avro computes it', () => {
    expect(maxDecimalPrecision(1)).toBe(2);
    expect(maxDecimalPrecision(4)).toBe(9);
    expect(maxDecimalPrecision(8)).toBe(18);
    expect(maxDecimalPrecision(16)).toBe(38);
  });
});

describe('parseLogicalType', () => {
  it('reads the logical types on their base types', () => {
    expect(parseLogicalType({ logicalType: 'uuid' }, 'string')).toEqual({ name: 'uuid' });
    expect(parseLogicalType({ logicalType: 'uuid' }, 'fixed', 16)).toEqual({ name: 'uuid' });
    expect(parseLogicalType({ logicalType: 'date' }, 'int')).toEqual({ name: 'date' });
    expect(parseLogicalType({ logicalType: 'time-micros' }, 'long')).toEqual({ name: 'time-micros' });
    expect(parseLogicalType({ logicalType: 'local-timestamp-nanos' }, 'long')).toEqual({
      name: 'local-timestamp-nanos',
    });
    expect(parseLogicalType({ logicalType: 'duration' }, 'fixed', 12)).toEqual({ name: 'duration' });
  });

  it('refuses a name that is not a string or not known', () => {
    expect(parseLogicalType({ logicalType: 3 }, 'int')).toBe('The "logicalType" must be a string.');
    expect(parseLogicalType({}, 'int')).toBe('The "logicalType" must be a string.');
    expect(parseLogicalType({ logicalType: 'money' }, 'int')).toBe('"money" is not a logical type Avro knows.');
    // Names of Object.prototype members once reached the prototype and threw.
    expect(parseLogicalType({ logicalType: 'toString' }, 'int')).toBe('"toString" is not a logical type Avro knows.');
    expect(parseLogicalType({ logicalType: '__proto__' }, 'int')).toBe('"__proto__" is not a logical type Avro knows.');
  });

  it('refuses a logical type on the wrong base, naming the right ones', () => {
    expect(parseLogicalType({ logicalType: 'date' }, 'long')).toBe('The logical type "date" applies to int, not long.');
    expect(parseLogicalType({ logicalType: 'decimal', precision: 4 }, 'string')).toBe(
      'The logical type "decimal" applies to bytes or fixed, not string.',
    );
  });

  it('checks the sizes of uuid and duration on fixed', () => {
    expect(parseLogicalType({ logicalType: 'uuid' }, 'fixed', 15)).toBe('A "uuid" on a fixed needs size 16.');
    expect(parseLogicalType({ logicalType: 'duration' }, 'fixed', 16)).toBe('A "duration" needs a fixed of size 12.');
  });

  it('reads a decimal, its scale defaulting to 0', () => {
    expect(parseLogicalType({ logicalType: 'decimal', precision: 10, scale: 2 }, 'bytes')).toEqual({
      name: 'decimal',
      precision: 10,
      scale: 2,
    });
    expect(parseLogicalType({ logicalType: 'decimal', precision: 5 }, 'bytes')).toEqual({
      name: 'decimal',
      precision: 5,
      scale: 0,
    });
    expect(parseLogicalType({ logicalType: 'decimal', precision: 3, scale: 3 }, 'bytes')).toEqual({
      name: 'decimal',
      precision: 3,
      scale: 3,
    });
  });

  it.each([[undefined], [0], [-1], [1.5], ['10']])('refuses a decimal precision of %j', (precision) => {
    expect(parseLogicalType({ logicalType: 'decimal', precision }, 'bytes')).toBe(
      'A "decimal" needs "precision", a positive integer.',
    );
  });

  it.each([[-1], [0.5], ['2']])('refuses a decimal scale of %j', (scale) => {
    expect(parseLogicalType({ logicalType: 'decimal', precision: 4, scale }, 'bytes')).toBe(
      'A "decimal" "scale" must be a non-negative integer.',
    );
  });

  it('refuses a scale above the precision', () => {
    expect(parseLogicalType({ logicalType: 'decimal', precision: 4, scale: 5 }, 'bytes')).toBe(
      'A "decimal" scale (5) cannot exceed its precision (4).',
    );
  });

  it('bounds a decimal precision by the size of its fixed', () => {
    expect(parseLogicalType({ logicalType: 'decimal', precision: 9 }, 'fixed', 4)).toEqual({
      name: 'decimal',
      precision: 9,
      scale: 0,
    });
    expect(parseLogicalType({ logicalType: 'decimal', precision: 10 }, 'fixed', 4)).toBe(
      'A fixed of 4 bytes holds at most 9 decimal digits, not 10.',
    );
    expect(parseLogicalType({ logicalType: 'decimal', precision: 100 }, 'fixed')).toEqual({
      name: 'decimal',
      precision: 100,
      scale: 0,
    });
  });
});

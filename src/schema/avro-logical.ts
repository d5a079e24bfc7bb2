import type { LogicalType, PrimitiveName } from './avro-model.js';

const onBase: Record<string, readonly (PrimitiveName | 'fixed')[]> = {
  uuid: ['string', 'fixed'],
  date: ['int'],
  'time-millis': ['int'],
  'time-micros': ['long'],
  'timestamp-millis': ['long'],
  'timestamp-micros': ['long'],
  'timestamp-nanos': ['long'],
  'local-timestamp-millis': ['long'],
  'local-timestamp-micros': ['long'],
  'local-timestamp-nanos': ['long'],
  duration: ['fixed'],
  decimal: ['bytes', 'fixed'],
};

/** Largest decimal precision that fits in a two's-complement fixed of `size` bytes. */
export function maxDecimalPrecision(size: number): number {
  return Math.floor(Math.log10(2) * (8 * size - 1));
}

/**
 * Reads the logical type of a schema object as Apache Avro does, or says why it is invalid (Avro then ignores it
 * and the value stays its underlying type).
 */
export function parseLogicalType(
  schema: Record<string, unknown>,
  base: PrimitiveName | 'fixed',
  size?: number,
): LogicalType | string {
  const name = schema['logicalType'];
  if (typeof name !== 'string') return 'The "logicalType" must be a string.';
  // Own keys only: "toString" or "constructor" must not reach Object.prototype.
  const bases = Object.hasOwn(onBase, name) ? onBase[name] : undefined;
  if (!bases) return `"${name}" is not a logical type Avro knows.`;
  if (!bases.includes(base)) return `The logical type "${name}" applies to ${bases.join(' or ')}, not ${base}.`;
  if (name === 'uuid' && base === 'fixed' && size !== 16) return 'A "uuid" on a fixed needs size 16.';
  if (name === 'duration' && size !== 12) return 'A "duration" needs a fixed of size 12.';
  if (name !== 'decimal') return { name } as LogicalType;
  const precision = schema['precision'];
  const scale = schema['scale'] ?? 0;
  if (typeof precision !== 'number' || !Number.isInteger(precision) || precision <= 0) {
    return 'A "decimal" needs "precision", a positive integer.';
  }
  if (typeof scale !== 'number' || !Number.isInteger(scale) || scale < 0)
    return 'A "decimal" "scale" must be a non-negative integer.';
  if (scale > precision) return `A "decimal" scale (${scale}) cannot exceed its precision (${precision}).`;
  if (base === 'fixed' && size !== undefined && precision > maxDecimalPrecision(size)) {
    return `A fixed of ${size} bytes holds at most ${maxDecimalPrecision(size)} decimal digits, not ${precision}.`;
  }
  return { name: 'decimal', precision, scale };
}

import type { AvroType, LogicalType } from './avro-model.js';
import { compatible, warningAt, type CheckResult, type Side } from './compat-types.js';

/** Writer types each reader type accepts besides itself: the Avro specification's promotions. */
const promotions: Partial<Record<AvroType['type'], readonly AvroType['type'][]>> = {
  long: ['int'],
  float: ['int', 'long'],
  double: ['int', 'long', 'float'],
  bytes: ['string'],
  string: ['bytes'],
};

export function isPromotion(reader: AvroType['type'], writer: AvroType['type']): boolean {
  return promotions[reader]?.includes(writer) ?? false;
}

/**
 * Avro and the registry resolve the underlying types only, so a changed logical type never breaks decoding; but
 * readers then misread the values (a decimal's scale, a timestamp's unit), which deserves a warning.
 */
export function checkLogicalTypes(reader: Side, writer: Side): CheckResult {
  const r = logicalOf(reader.type);
  const w = logicalOf(writer.type);
  if (r === undefined && w === undefined) return compatible;
  return describeLogical(r) === describeLogical(w) ? compatible : warningAt('LOGICAL_TYPE_CHANGED', reader, writer);
}

function logicalOf(t: AvroType): LogicalType | undefined {
  return 'logicalType' in t ? t.logicalType : undefined;
}

/** `decimal(10, 2)`, `timestamp-millis`, or `none`. */
export function describeLogical(l: LogicalType | undefined): string {
  if (!l) return 'none';
  return l.name === 'decimal' ? `decimal(${l.precision}, ${l.scale})` : l.name;
}

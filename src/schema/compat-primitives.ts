import type { LogicalType } from './avro-model.js';
import type { Kind } from './compat-graph.js';
import { compatible, warningAt, type CheckResult, type Side } from './compat-types.js';

/** Writer types each reader type accepts besides itself: the Avro specification's promotions. */
const promotions: Partial<Record<Kind, readonly Kind[]>> = {
  long: ['int'],
  float: ['int', 'long'],
  double: ['int', 'long', 'float'],
  bytes: ['string'],
  string: ['bytes'],
};

export function isPromotion(reader: Kind, writer: Kind): boolean {
  return promotions[reader]?.includes(writer) ?? false;
}

/**
 * Avro and the registry resolve the underlying types only, so a changed logical type never breaks decoding; but
 * readers then misread the values (a decimal's scale, a timestamp's unit), which deserves a warning.
 */
export function checkLogicalTypes(reader: Side, writer: Side): CheckResult {
  return reader.node.logical === writer.node.logical ? compatible : warningAt('LOGICAL_TYPE_CHANGED', reader, writer);
}

/** `decimal(10, 2)`, `timestamp-millis`, or `none`. */
export function describeLogical(l: LogicalType | undefined): string {
  if (!l) return 'none';
  return l.name === 'decimal' ? `decimal(${l.precision}, ${l.scale})` : l.name;
}

import { toPlain, type ObjectNode, type Span } from '../core/data-node.js';

/** Avro names: a letter or underscore, then letters, digits or underscores. */
export const nameRe = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Avro namespaces: names joined by dots. */
export const namespaceRe = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
export const reserved = {
  record: new Set(['type', 'name', 'namespace', 'doc', 'aliases', 'fields']),
  enum: new Set(['type', 'name', 'namespace', 'doc', 'aliases', 'symbols', 'default']),
  fixed: new Set(['type', 'name', 'namespace', 'doc', 'aliases', 'size']),
  field: new Set(['name', 'type', 'doc', 'default', 'order', 'aliases']),
  array: new Set(['type', 'items']),
  map: new Set(['type', 'values']),
  primitive: new Set(['type', 'logicalType']),
  fixedLogical: new Set(['type', 'name', 'namespace', 'doc', 'aliases', 'size', 'logicalType']),
};

export const noProps: Readonly<Record<string, unknown>> = Object.freeze({});
export const noAliases: readonly string[] = Object.freeze([]);

export function customProps(node: ObjectNode, skip: ReadonlySet<string>): Readonly<Record<string, unknown>> {
  let props: Record<string, unknown> | undefined;
  for (const e of node.entries) {
    if (skip.has(e.key)) continue;
    props ??= {};
    props[e.key] = toPlain(e.value);
  }
  return props ?? noProps;
}

/** A standalone copy of a span, so the model does not keep the parsed tree alive. */
export function at(span: Span): Span {
  return { start: span.start, end: span.end };
}

import type { Span } from '../core/data-node.js';
import type { Severity } from '../core/findings.js';
import type { CompatRuleId } from '../rules/registry.js';
import type { AvroType } from './avro-model.js';
import type { TypeNode } from './compat-graph.js';

/**
 * Rule ids, registered in src/rules/compatibility.ts. The first six mirror Apache Avro's `SchemaIncompatibilityType`;
 * `READER_FIELD_AMBIGUOUS` is where Java throws instead of answering; `LOGICAL_TYPE_CHANGED` is a warning Avro does
 * not give (it ignores logical types); `RESOLUTION_TOO_DEEP` is where resolution stops, nested beyond any real
 * schema (see maxResolutionDepth).
 */
export type { CompatRuleId };

/** Where something is written: a file of one schema version and a span in its text. */
export interface Site {
  readonly file: string;
  readonly span: Span;
}

/**
 * A type as met during resolution, where it is written from here (`file`, `span`), and the step that led to it
 * from its parent. The path is kept as links, not strings: it is needed only to explain a break.
 */
export interface Side extends Site {
  readonly type: AvroType;
  /** The same type, shaped for resolution. */
  readonly node: TypeNode;
  readonly parent: Side | undefined;
  /** A field's name, `[]` for array items, `{}` for map values; empty at the top. */
  readonly step: string;
}

/** Field path from the top-level type, such as `address.zip` or `lines[].price`; empty at the top. */
export function pathOf(side: Side): string {
  const steps: string[] = [];
  for (let s: Side | undefined = side; s; s = s.parent) if (s.step !== '') steps.push(s.step);
  let path = '';
  for (const step of steps.reverse()) path += step === '[]' || step === '{}' || path === '' ? step : `.${step}`;
  return path;
}

/** One reason a reader cannot read a writer, with both sides positioned. */
export interface Break {
  readonly ruleId: CompatRuleId;
  readonly severity: Severity;
  readonly reader: Side;
  readonly writer: Side;
  /** The field concerned, for field rules. */
  readonly field?: string;
  /** Writer enum symbols the reader lacks, sorted as Avro sorts them. */
  readonly symbols?: readonly string[];
}

/** Invariant: `compatible` is Avro's verdict; `breaks` holds every error that made it false, plus warnings. */
export interface CheckResult {
  readonly compatible: boolean;
  readonly breaks: readonly Break[];
}

export const compatible: CheckResult = { compatible: true, breaks: [] };

export function breakAt(
  ruleId: CompatRuleId,
  reader: Side,
  writer: Side,
  extra: Partial<Pick<Break, 'field' | 'symbols'>> = {},
): CheckResult {
  return { compatible: false, breaks: [{ ruleId, severity: 'error', reader, writer, ...extra }] };
}

export function warningAt(ruleId: CompatRuleId, reader: Side, writer: Side): CheckResult {
  return { compatible: true, breaks: [{ ruleId, severity: 'warning', reader, writer }] };
}

export function merge(results: readonly CheckResult[]): CheckResult {
  const nonEmpty = results.filter((r) => r.breaks.length > 0 || !r.compatible);
  if (nonEmpty.length === 0) return compatible;
  if (nonEmpty.length === 1) return nonEmpty[0] as CheckResult;
  // A memoised pair's result is met once per use of its named types; keeping its breaks once per use would
  // double them at every level of a type used twice (2^depth breaks for a few kilobytes of schema).
  const breaks = new Set<Break>();
  for (const r of nonEmpty) for (const b of r.breaks) breaks.add(b);
  return { compatible: nonEmpty.every((r) => r.compatible), breaks: [...breaks] };
}

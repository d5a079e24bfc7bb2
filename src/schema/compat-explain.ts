import type { Finding, Location } from '../core/findings.js';
import { describeType, type AvroType } from './avro-model.js';
import { describeLogical } from './compat-primitives.js';
import { maxResolutionDepth } from './compat-resolve.js';
import { pathOf, type Break, type CompatRuleId, type Side, type Site } from './compat-types.js';

/**
 * BACKWARD checks the candidate as reader of the previous version's data; FORWARD checks the previous version as
 * reader of the candidate's data. The direction decides who breaks and what a fix can still change.
 */
export type Direction = 'backward' | 'forward';

export interface ExplainContext {
  readonly direction: Direction;
  /** How messages name the previous version: `the previous schema`, `the schema at commit abc1234`. */
  readonly previousName: string;
  locateCandidate(site: Site): Location;
  locatePrevious(site: Site): Location;
}

interface Parts {
  readonly candidate: Side;
  readonly previous: Side;
  readonly subject: string;
  readonly ctx: ExplainContext;
  readonly b: Break;
}

type Explainer = (p: Parts) => { readonly what: string; readonly fix: string };

const newMajor = 'or publish the change on a new major version of the topic';

/** Rules as data: what each break means and how a producer fixes it, per direction. */
const explainers: Record<CompatRuleId, Explainer> = {
  TYPE_MISMATCH: ({ candidate, previous, subject, b }) => ({
    what: `${subject} changes from ${describeType(declared(previous))} to ${describeType(declared(candidate))}, and Avro cannot read ${describeType(b.writer.type)} as ${describeType(b.reader.type)}`,
    fix: `Keep ${describeType(declared(previous))} (Avro only promotes int to long, float or double, long to float or double, float to double, and string to bytes or back), ${newMajor}.`,
  }),
  READER_FIELD_MISSING_DEFAULT_VALUE: ({ subject, ctx, b }) =>
    ctx.direction === 'backward'
      ? {
          what: `${subject} is not in ${ctx.previousName} and has no default`,
          fix: `Add ${suggestDefault(b.reader.type)} to field \`${b.field}\` (if it renames a field, list the old name in its "aliases"), ${newMajor}.`,
        }
      : {
          what: `the new schema drops ${subject}, which has no default in ${ctx.previousName}`,
          fix: `Keep field \`${b.field}\` (mark it deprecated in its doc), ${newMajor}.`,
        },
  MISSING_UNION_BRANCH: ({ subject, ctx, b }) =>
    ctx.direction === 'backward'
      ? {
          what: `${subject} can no longer read ${describeType(b.writer.type)}, which ${ctx.previousName} writes there`,
          fix: `Keep ${describeType(b.writer.type)} among the branches of the union, ${newMajor}.`,
        }
      : {
          what: `${subject} may now hold ${describeType(b.writer.type)}, which ${describeType(b.reader.type)} in ${ctx.previousName} cannot read`,
          fix: `Write only types the previous union has, ${newMajor}.`,
        },
  MISSING_ENUM_SYMBOLS: ({ subject, ctx, b }) =>
    ctx.direction === 'backward'
      ? {
          what: `${subject} no longer has the symbols ${list(b.symbols)}, which ${ctx.previousName} may have written, and the enum has no "default"`,
          fix: `Keep the symbols, or give the enum a "default" symbol that unknown symbols are read as.`,
        }
      : {
          what: `${subject} adds the symbols ${list(b.symbols)}, and the enum in ${ctx.previousName} has no "default" to read them as`,
          fix: `First release a "default" for the enum to every consumer and only then add symbols, ${newMajor}.`,
        },
  NAME_MISMATCH: ({ candidate, previous, subject, ctx }) => ({
    what: `${subject} is renamed from ${describeType(previous.type)} to ${describeType(candidate.type)}, and Avro matches named types by name`,
    fix:
      ctx.direction === 'backward'
        ? `Keep the name, or add "aliases": ["${describeType(previous.type)}"] to the renamed type.`
        : `Keep the name ${describeType(previous.type)}: consumers of ${ctx.previousName} cannot learn the new one; ${newMajor}.`,
  }),
  FIXED_SIZE_MISMATCH: ({ candidate, previous, subject }) => ({
    what: `${subject} changes size from ${fixedSize(previous.type)} to ${fixedSize(candidate.type)} bytes`,
    fix: `Keep ${fixedSize(previous.type)} bytes, or add a new field of the new size and deprecate this one.`,
  }),
  READER_FIELD_AMBIGUOUS: ({ subject, b }) => ({
    what: `${subject} matches several writer fields by its name and aliases, and Avro refuses to choose`,
    fix: `Remove the alias of field \`${b.field}\` that names another field.`,
  }),
  RESOLUTION_TOO_DEEP: ({ subject }) => ({
    what: `Steward cannot judge this change: ${subject} lies more than ${maxResolutionDepth} types deep, where resolution stops rather than overflow the stack (the registry's own check recurses as deeply)`,
    fix: `Flatten the nesting: chain fewer named types through one another, or split the schema.`,
  }),
  LOGICAL_TYPE_CHANGED: ({ candidate, previous, subject }) => ({
    what: `${subject} changes its logical type from ${logical(previous.type)} to ${logical(candidate.type)}; Avro still decodes the underlying type, so values are silently misread (a decimal's scale, a timestamp's unit)`,
    fix: `Keep ${logical(previous.type)}, or add a new field with the new logical type and deprecate this one.`,
  }),
};

/** Turns one break into a finding located in the candidate, with the previous location beside it. */
export function explainBreak(b: Break, ctx: ExplainContext): Finding {
  const backward = ctx.direction === 'backward';
  const candidate = backward ? b.reader : b.writer;
  const previous = backward ? b.writer : b.reader;
  const subject = describeSubject(candidate, b);
  const { what, fix } = explainers[b.ruleId]({ candidate, previous, subject, ctx, b });
  const who = backward
    ? `Consumers that read with the new schema cannot decode records written with ${ctx.previousName}`
    : `Consumers still reading with ${ctx.previousName} cannot decode records written with the new schema`;
  const verdict = b.severity === 'error' && b.ruleId !== 'RESOLUTION_TOO_DEEP';
  const message = verdict ? `${who}, because ${what}. ${fix}` : `${capitalize(what)}. ${fix}`;
  return {
    ruleId: b.ruleId,
    severity: b.severity,
    message,
    location: ctx.locateCandidate(candidate),
    previousLocation: ctx.locatePrevious(previous),
  };
}

function describeSubject(side: Side, b: Break): string {
  // A field rule names the reader's field: in FORWARD the candidate side is the writer record that lacks it.
  if (b.field !== undefined) return `field \`${shorten(pathOf(b.reader))}\``;
  const path = shorten(pathOf(side));
  const kind = b.ruleId === 'MISSING_ENUM_SYMBOLS' ? 'enum' : b.ruleId === 'MISSING_UNION_BRANCH' ? 'union' : 'type';
  if (path === '') return `the top-level ${kind}`;
  const container = path.endsWith('[]') ? 'items' : path.endsWith('{}') ? 'values' : undefined;
  if (container) return `the ${kind} of the ${container} of field \`${path.slice(0, -2)}\``;
  return `the ${kind} of field \`${path}\``;
}

/** The type as the schema declares it at this place: a union rather than the one branch that failed. */
function declared(side: Side): AvroType {
  return side.step === '' && side.parent?.node.kind === 'union' ? side.parent.type : side.type;
}

/** A default that fits the type, as the producer would write it in the .avsc. */
function suggestDefault(t: AvroType): string {
  switch (t.type) {
    case 'union':
      return t.branches[0]?.type === 'null'
        ? '"default": null'
        : `a default of type ${describeType(t.branches[0] ?? t)}`;
    case 'null':
      return '"default": null';
    case 'boolean':
      return '"default": false';
    case 'int':
    case 'long':
    case 'float':
    case 'double':
      return '"default": 0';
    case 'string':
    case 'bytes':
      return '"default": ""';
    case 'enum':
      return `"default": "${t.symbols[0] ?? ''}"`;
    case 'array':
      return '"default": []';
    case 'map':
      return '"default": {}';
    default:
      return `a default of type ${describeType(t)} (or make it ["null", ${describeType(t)}] with "default": null)`;
  }
}

/** A path of hostile depth keeps its end, which names the place. */
function shorten(path: string): string {
  return path.length <= 160 ? path : `…${path.slice(-159)}`;
}

function list(symbols: readonly string[] | undefined): string {
  return (symbols ?? []).join(', ');
}

function fixedSize(t: AvroType): string {
  return t.type === 'fixed' ? String(t.size) : '?';
}

function logical(t: AvroType): string {
  return describeLogical('logicalType' in t ? t.logicalType : undefined);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

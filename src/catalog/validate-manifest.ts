import type { ErrorObject, ValidateFunction } from 'ajv';
import { childOf, type PathSegment } from '../core/data-node.js';
import type { Finding } from '../core/findings.js';
import { closest } from '../core/suggest.js';
import type { RuleId } from '../rules/registry.js';
import * as compiledValidators from './generated/manifest-validators.js';
import type { SourceDocument } from './model.js';
import { calendarDateProblem, maxFindingsPerRule, shorten, sourceOf, validateValues } from './validate-values.js';

export type ManifestKind = 'DataProduct' | 'Domain' | 'Rules' | 'Settings';

const fileNames: Record<ManifestKind, string> = {
  DataProduct: 'product manifest',
  Domain: 'domain manifest',
  Rules: 'rules file',
  Settings: 'settings file',
};

/**
 * The JSON Schemas in schemas/ (what users' editors validate against too), compiled at build time by
 * tools/build-validators.ts: no process pays for compiling them.
 */
const validators = compiledValidators as unknown as Record<ManifestKind, ValidateFunction>;

/** Checks a parsed manifest against its JSON Schema; each problem becomes a finding on the exact key or value. */
export function validateManifest(kind: ManifestKind, value: unknown, document: SourceDocument): Finding[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [
      {
        ruleId: 'MANIFEST_INVALID_VALUE',
        severity: 'error',
        message: `The ${fileNames[kind]} must be a YAML mapping of keys to values (start with \`apiVersion: mesh-steward/v1\` and \`kind: ${kind}\`).`,
        location: document.locate([]),
      },
    ];
  }
  const validate = validators[kind];
  const shape = validate(value) ? [] : schemaFindings(validate.errors ?? [], kind, document);
  return [...shape, ...capPerRule(validateValues(kind, value, document))];
}

/**
 * Schema errors as findings, at most `maxFindingsPerRule` + 1 per rule id. Capping comes before locating, since a
 * file with 30,000 unknown keys yields 30,000 errors.
 */
function schemaFindings(errors: readonly ErrorObject[], kind: ManifestKind, document: SourceDocument): Finding[] {
  const kept = new Map<RuleId, Finding[]>();
  const extra = new Map<RuleId, number>();
  const seen = new Set<string>();
  for (const error of errors) {
    const ruleId = ruleOf(error);
    // Topic config values are checked against Kafka's own types by validateValues, with the broker's reasons.
    if (ruleId === undefined || configValuePath.test(error.instancePath)) continue;
    const list = kept.get(ruleId) ?? [];
    if (list.length > maxFindingsPerRule) {
      extra.set(ruleId, (extra.get(ruleId) ?? 0) + 1);
      continue;
    }
    const f = toFinding(error, kind, document);
    const key = f && `${f.ruleId}|${f.location.line}|${f.location.column}|${f.message}`;
    if (!f || !key || seen.has(key)) continue;
    seen.add(key);
    list.push(f);
    kept.set(ruleId, list);
  }
  return [...kept].flatMap(([ruleId, list]) => withSummary(list, extra.get(ruleId) ?? 0));
}

const configValuePath = /^\/outputPorts\/\d+\/configs\/./;

function capPerRule(findings: readonly Finding[]): Finding[] {
  const byRule = new Map<RuleId, Finding[]>();
  for (const f of findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  return [...byRule.values()].flatMap((list) =>
    withSummary(list.slice(0, maxFindingsPerRule + 1), list.length - maxFindingsPerRule - 1),
  );
}

/** The last kept finding says how many more of its kind follow. */
function withSummary(list: readonly Finding[], more: number): Finding[] {
  const last = list[list.length - 1];
  if (more <= 0 || !last) return [...list];
  const note = ` (and ${more} more problem${more === 1 ? '' : 's'} of this kind after it, not listed)`;
  const message = last.message.replace(/([.?])$/, `${note}$1`);
  return [...list.slice(0, -1), { ...last, message }];
}

function ruleOf(error: ErrorObject): RuleId | undefined {
  switch (error.keyword) {
    case 'required':
      return 'MANIFEST_MISSING_FIELD';
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return 'MANIFEST_UNKNOWN_KEY';
    case 'if':
    case 'anyOf':
    case 'oneOf':
    case '$ref':
      return undefined;
    default:
      return 'MANIFEST_INVALID_VALUE';
  }
}

function toFinding(error: ErrorObject, kind: ManifestKind, document: SourceDocument): Finding | undefined {
  const path = toPath(error.instancePath, document);
  const at = describePath(path, kind);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const field = String(params['missingProperty']);
      return finding(
        'MANIFEST_MISSING_FIELD',
        `${at} is missing the required field \`${field}\`; add it (see docs/manifest.md).`,
        document.locate(path),
      );
    }
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return unknownKey(error, at, path, document);
    case 'if':
    case 'anyOf':
    case 'oneOf':
    case '$ref':
      return undefined;
    default:
      return finding(
        'MANIFEST_INVALID_VALUE',
        `${at} ${describeConstraint(error, () => sourceOf(document, path))}.`,
        document.locate(path),
      );
  }
}

function unknownKey(error: ErrorObject, at: string, path: PathSegment[], document: SourceDocument): Finding {
  const params = error.params as Record<string, unknown>;
  const name = String(params['additionalProperty'] ?? params['unevaluatedProperty']);
  const key = shorten(name);
  const allowed = allowedKeys(error);
  const hint = closest(key, allowed);
  const fix = hint
    ? `did you mean \`${hint}\`?`
    : allowed.length > 0
      ? `allowed keys are ${allowed.map((k) => `\`${k}\``).join(', ')}.`
      : 'remove it.';
  return finding(
    'MANIFEST_UNKNOWN_KEY',
    `${at} has an unknown key \`${key}\`; ${fix}`,
    document.locate([...path, name], { key: true }),
  );
}

function describeConstraint(error: ErrorObject, written: () => string): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'maximum':
    case 'exclusiveMaximum':
      return `is ${written()}, above the ${error.keyword === 'maximum' ? 'maximum' : 'limit'} of ${String(p['limit'])}; write a smaller number`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `is ${written()}, below the ${error.keyword === 'minimum' ? 'minimum' : 'limit'} of ${String(p['limit'])}; write a larger number`;
    case 'format':
      return p['format'] === 'date' && typeof error.data === 'string'
        ? `${calendarDateProblem(error.data) ?? 'is not a date'}; write a real date as YYYY-MM-DD`
        : `does not have the expected form (${String(p['format'])})`;
    case 'const':
      return `must be \`${String(p['allowedValue'])}\``;
    case 'enum':
      return `must be one of ${(p['allowedValues'] as unknown[]).map((v) => `\`${String(v)}\``).join(', ')}`;
    case 'type':
      // `1e400` and `.inf` are YAML numbers, but no field can hold them.
      return typeof error.data === 'number' && !Number.isFinite(error.data)
        ? `is ${written()}, which is not a finite number; write ${article(String(p['type']))}${rangeOf(error)}`
        : `must be ${article(String(p['type']))}`;
    case 'pattern':
      return `does not have the expected form${describePattern(error)}`;
    case 'uniqueItems':
      return `lists the same entry twice (items ${String(p['j'])} and ${String(p['i'])}); remove the duplicate`;
    case 'minItems':
      return `needs at least ${String(p['limit'])} entr${p['limit'] === 1 ? 'y' : 'ies'}`;
    case 'minLength':
      return 'must not be empty';
    default:
      return (error.message ?? 'is invalid').replace(/^must/, 'must');
  }
}

function rangeOf(error: ErrorObject): string {
  const schema = error.parentSchema as { minimum?: number; maximum?: number } | undefined;
  if (schema?.minimum !== undefined && schema.maximum !== undefined)
    return ` from ${schema.minimum} to ${schema.maximum}`;
  return schema?.minimum !== undefined ? ` of at least ${schema.minimum}` : '';
}

function describePattern(error: ErrorObject): string {
  const description = (error.parentSchema as { description?: string } | undefined)?.description;
  return description
    ? `: ${description.replace(/\.$/, '')}`
    : ` (${String((error.params as { pattern?: string }).pattern)})`;
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
  };
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' or ');
}

function allowedKeys(error: ErrorObject): string[] {
  const schema = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
  return Object.keys(schema?.properties ?? {});
}

function finding(ruleId: RuleId, message: string, location: Finding['location']): Finding {
  return { ruleId, severity: 'error', message, location };
}

/** JSON pointer → path segments, with array indices as numbers (the data node tells which is which). */
function toPath(pointer: string, document: SourceDocument): PathSegment[] {
  if (pointer === '') return [];
  const path: PathSegment[] = [];
  let node = document.root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment: PathSegment = node?.kind === 'array' ? Number(key) : key;
    path.push(segment);
    node = childOf(node, segment);
  }
  return path;
}

function describePath(path: readonly PathSegment[], kind: ManifestKind): string {
  if (path.length === 0) return `The ${fileNames[kind]}`;
  const text = path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
  return `\`${text}\``;
}

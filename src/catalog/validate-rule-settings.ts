import type { PathSegment } from '../core/data-node.js';
import type { Finding } from '../core/findings.js';
import { compilePattern, maxPatternLength } from '../core/patterns.js';
import type { RuleId } from '../rules/registry.js';
import type { RuleSettings } from './manifest-types.js';
import type { Catalog, SourceDocument } from './model.js';
import { durationSeconds } from './sla.js';

/** The placeholders a `TOPIC_NAMING` template may use. */
export const topicPlaceholders = ['domain', 'product', 'port', 'version'] as const;

/** Why a `TOPIC_NAMING` template cannot be used, or undefined when it can. */
export function topicTemplateProblem(template: string): string | undefined {
  if (template.length > maxPatternLength)
    return `is ${template.length} characters long, more than the ${maxPatternLength} allowed`;
  const unknown = [...template.matchAll(/\{([^{}]*)\}/g)]
    .map((m) => m[1] ?? '')
    .filter((name) => !(topicPlaceholders as readonly string[]).includes(name));
  if (unknown.length > 0)
    return `uses the unknown placeholder {${unknown[0]}} (known: ${topicPlaceholders.map((p) => `{${p}}`).join(', ')})`;
  return undefined;
}

/** Bounds parameters: how to read each rule's `min` and `max` as comparable numbers. */
const bounds: Readonly<Record<string, (v: unknown) => number | undefined>> = {
  PARTITION_BOUNDS: (v) => (typeof v === 'number' ? v : undefined),
  REPLICATION_BOUNDS: (v) => (typeof v === 'number' ? v : undefined),
  RETENTION_BOUNDS: (v) => (typeof v === 'string' ? durationSeconds(v) : undefined),
};

/**
 * Checks the parameters the JSON Schema cannot: `PRODUCT_NAMING.pattern` compiles as a (linear-time, RE2-syntax)
 * regular expression, a `TOPIC_NAMING.pattern` uses known placeholders, and no bounds rule has `min` above `max`.
 * Runs on every `rules/*.yaml` and every `domain.yaml` `rules:` section. The rules themselves fail closed on the
 * same problems, so a finding here is never the only thing standing between a bad setting and a passing check.
 */
export function validateRuleSettings(catalog: Catalog): Finding[] {
  const findings: Finding[] = [];
  for (const file of catalog.rules) checkSettings(file.manifest.rules, file.document, findings);
  for (const domain of catalog.domains.values())
    if (domain.manifest.rules) checkSettings(domain.manifest.rules, domain.document, findings);
  checkInheritedBounds(catalog, findings);
  return findings;
}

interface Range {
  readonly min?: number | undefined;
  readonly max?: number | undefined;
}

const empty = (r: Range) => r.min !== undefined && r.max !== undefined && r.min > r.max;

/** Narrows `range` by one level's `min`/`max`; a bound looser than the inherited one changes nothing. */
function tighten(
  range: Range,
  setting: Readonly<Record<string, unknown>> | undefined,
  toNumber: (v: unknown) => number | undefined,
): Range {
  const min = toNumber(setting?.['min']);
  const max = toNumber(setting?.['max']);
  return {
    min: min === undefined || (range.min !== undefined && range.min >= min) ? range.min : min,
    max: max === undefined || (range.max !== undefined && range.max <= max) ? range.max : max,
  };
}

/**
 * A domain may raise a lower bound and lower an upper one (anything else keeps the inherited value), so its
 * effective range is the tightest along its chain. A domain whose own override empties that range (raising `min`
 * above a `max` set higher up, or the reverse) gets the finding on the key that did it.
 */
function checkInheritedBounds(catalog: Catalog, findings: Finding[]): void {
  const global = new Map<string, Range>();
  for (const file of catalog.rules)
    for (const [id, toNumber] of Object.entries(bounds)) {
      const setting = file.manifest.rules[id];
      const range = global.get(id) ?? {};
      global.set(id, { min: toNumber(setting?.['min']) ?? range.min, max: toNumber(setting?.['max']) ?? range.max });
    }
  for (const domain of catalog.domains.values()) {
    const chain = [];
    for (let d = catalog.domains.get(domain.parentId ?? ''); d; d = catalog.domains.get(d.parentId ?? ''))
      chain.unshift(d);
    for (const [id, toNumber] of Object.entries(bounds)) {
      const own = domain.manifest.rules?.[id];
      if (own === undefined || empty(tighten({}, own, toNumber))) continue;
      const inherited = chain.reduce(
        (range, d) => tighten(range, d.manifest.rules?.[id], toNumber),
        global.get(id) ?? {},
      );
      const after = tighten(inherited, own, toNumber);
      if (empty(inherited) || !empty(after)) continue;
      const key = after.min !== inherited.min ? 'min' : 'max';
      const other = key === 'min' ? 'max' : 'min';
      findings.push({
        ruleId: 'RULE_BOUNDS_INVERTED',
        severity: 'error',
        message: `Domain ${domain.id} sets ${id}.${key} ${String(own[key])}, past the ${other} its products inherit, so no port of the domain could satisfy it; correct the override or the inherited ${other}.`,
        location: domain.document.locate(['rules', id, key]),
      });
    }
  }
}

function checkSettings(settings: RuleSettings, document: SourceDocument, findings: Finding[]): void {
  const push = (ruleId: RuleId, path: PathSegment[], message: string) =>
    findings.push({ ruleId, severity: 'error', message, location: document.locate(path) });
  const productPattern = settings['PRODUCT_NAMING']?.['pattern'];
  if (typeof productPattern === 'string') {
    const compiled = compilePattern(productPattern);
    if (!compiled.ok)
      push(
        'RULE_PATTERN_INVALID',
        ['rules', 'PRODUCT_NAMING', 'pattern'],
        `PRODUCT_NAMING.pattern ${JSON.stringify(productPattern)} ${compiled.reason}; every product fails the rule until it is fixed. Write it in RE2 syntax (see docs/governance.md).`,
      );
  }
  const template = settings['TOPIC_NAMING']?.['pattern'];
  const problem = typeof template === 'string' ? topicTemplateProblem(template) : undefined;
  if (problem !== undefined)
    push(
      'RULE_PATTERN_INVALID',
      ['rules', 'TOPIC_NAMING', 'pattern'],
      `TOPIC_NAMING.pattern ${JSON.stringify(template)} ${problem}; every topic fails the rule until it is fixed.`,
    );
  for (const [id, toNumber] of Object.entries(bounds)) {
    const setting = settings[id];
    const min = toNumber(setting?.['min']);
    const max = toNumber(setting?.['max']);
    if (min === undefined || max === undefined || min <= max) continue;
    push(
      'RULE_BOUNDS_INVERTED',
      ['rules', id, 'min'],
      `${id} sets min ${String(setting?.['min'])} above max ${String(setting?.['max'])}, so no value can satisfy it; swap or correct the two.`,
    );
  }
}

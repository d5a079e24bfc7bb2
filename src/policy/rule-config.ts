import type { RuleSetting } from '../catalog/manifest-types.js';
import type { Catalog, Domain } from '../catalog/model.js';
import type { Finding, Severity } from '../core/findings.js';
import { builtInRules } from './rules/index.js';
import type { RuleConfig, RuleDefinition } from './rule-types.js';

const severityRank: Record<Severity, number> = { notice: 0, warning: 1, error: 2 };

export interface RuleSet {
  /** The effective settings of every rule for a product of the given domain. */
  forDomain(domainId: string): ReadonlyMap<string, RuleConfig>;
  /** Domain overrides that tried to loosen a rule (RULE_LOOSENED), for the domains asked so far. */
  readonly loosenings: readonly Finding[];
}

/**
 * Resolves governance settings: built-in defaults, then `rules/*.yaml` in path order (the governance team's word),
 * then each domain from the top of the tree down, which may only tighten. A loosening keeps the inherited
 * setting and becomes a finding on the domain.yaml line that tried it.
 */
export function resolveRules(catalog: Catalog, rules: readonly RuleDefinition[] = builtInRules): RuleSet {
  let global = new Map<string, RuleConfig>(rules.map((r) => [r.id, r.defaults]));
  for (const file of catalog.rules) global = applyGlobal(global, file.manifest.rules);
  const memo = new Map<string, ReadonlyMap<string, RuleConfig>>();
  const loosenings: Finding[] = [];
  const byId = new Map<string, RuleDefinition>(rules.map((r) => [r.id, r]));
  const forDomain = (domainId: string): ReadonlyMap<string, RuleConfig> => {
    const known = memo.get(domainId);
    if (known) return known;
    const domain = catalog.domains.get(domainId);
    const parent = domain?.parentId !== undefined ? forDomain(domain.parentId) : global;
    const result = domain?.manifest.rules ? applyDomain(parent, domain, byId, loosenings) : parent;
    memo.set(domainId, result);
    return result;
  };
  return { forDomain, loosenings };
}

function applyGlobal(
  configs: Map<string, RuleConfig>,
  settings: Readonly<Record<string, RuleSetting>>,
): Map<string, RuleConfig> {
  const next = new Map(configs);
  for (const [id, setting] of Object.entries(settings)) {
    const current = next.get(id);
    if (!current) continue;
    const { enabled, severity, ...params } = setting;
    next.set(id, {
      enabled: enabled ?? current.enabled,
      severity: severity ?? current.severity,
      params: { ...current.params, ...params },
    });
  }
  return next;
}

function applyDomain(
  inherited: ReadonlyMap<string, RuleConfig>,
  domain: Domain,
  rules: ReadonlyMap<string, RuleDefinition>,
  loosenings: Finding[],
): Map<string, RuleConfig> {
  const next = new Map(inherited);
  for (const [id, setting] of Object.entries(domain.manifest.rules ?? {})) {
    const current = next.get(id);
    const rule = rules.get(id);
    if (!current || !rule) continue;
    const { enabled, severity, ...override } = setting;
    const loosened: string[] = [];
    const keepEnabled = enabled === false && current.enabled;
    if (keepEnabled) loosened.push('enabled');
    const keepSeverity = severity !== undefined && severityRank[severity] < severityRank[current.severity];
    if (keepSeverity) loosened.push('severity');
    const tightened = rule.tighten
      ? rule.tighten(current.params, override)
      : { params: current.params, loosened: Object.keys(override) };
    loosened.push(...tightened.loosened);
    next.set(id, {
      enabled: keepEnabled ? current.enabled : (enabled ?? current.enabled),
      severity: keepSeverity || severity === undefined ? current.severity : severity,
      params: tightened.params,
    });
    for (const key of loosened) {
      loosenings.push({
        ruleId: 'RULE_LOOSENED',
        severity: 'error',
        message: `Domain ${domain.id} sets ${id}.${key} looser than the rules it inherits; a domain may only tighten governance, so remove this override or make it stricter.`,
        location: domain.document.locate(['rules', id, key]),
      });
    }
  }
  return next;
}

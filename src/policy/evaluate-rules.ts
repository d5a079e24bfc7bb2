import type { Change } from '../catalog/diff.js';
import type { Catalog, Product } from '../catalog/model.js';
import type { Finding } from '../core/findings.js';
import { resolveRules, type RuleSet } from './rule-config.js';
import { builtInRules } from './rules/index.js';
import type { RuleConfig, RuleDefinition, RuleFinding } from './rule-types.js';
import { nearestDomainAbove } from '../catalog/graph.js';

export interface RuleInputs {
  /** The catalog whose rules apply: a pull request is judged by its base's rules, never by its own. */
  readonly rulesFrom: Catalog;
  readonly base: Catalog;
  readonly head: Catalog;
  readonly changes: readonly Change[];
  /** Products (of the head) whose own content the product rules check: the changed and added ones. */
  readonly products: readonly Product[];
  readonly breaking: (change: Change) => boolean;
  readonly today: string;
}

/** Runs product rules on the given products and change rules on the changes, each with its effective settings. */
export function evaluateRules(inputs: RuleInputs, rules: readonly RuleDefinition[] = builtInRules): Finding[] {
  const ruleSet = resolveRules(inputs.rulesFrom, rules);
  const findings: Finding[] = [];
  for (const product of inputs.products) {
    const configs = configsFor(ruleSet, inputs.rulesFrom, product.domainId);
    for (const rule of rules) {
      const config = configs.get(rule.id);
      if (!rule.checkProduct || !config?.enabled) continue;
      findings.push(
        ...apply(rule, config, rule.checkProduct({ product, catalog: inputs.head, params: config.params })),
      );
    }
  }
  for (const change of inputs.changes) {
    const productId = 'productId' in change ? change.productId : undefined;
    const domainId = productId
      ? (inputs.head.products.get(productId) ?? inputs.base.products.get(productId))?.domainId
      : undefined;
    const configs = configsFor(ruleSet, inputs.rulesFrom, domainId ?? '');
    for (const rule of rules) {
      const config = configs.get(rule.id);
      if (!rule.checkChange || !config?.enabled) continue;
      const ctx = {
        change,
        base: inputs.base,
        head: inputs.head,
        params: config.params,
        breaking: inputs.breaking,
        today: inputs.today,
      };
      findings.push(...apply(rule, config, rule.checkChange(ctx)));
    }
  }
  return findings;
}

/**
 * Whole-catalog lint: every product rule and every state rule over every product of `catalog`, by the catalog's own
 * rules, with `today` for dates; what only a change can show (breaks, loosening, transitions) stays with `check`.
 */
export function lintRules(
  catalog: Catalog,
  today: string,
  rules: readonly RuleDefinition[] = builtInRules,
  parts: LintParts = { product: true, state: true },
): Finding[] {
  const lint = productLinter(catalog, today, rules, parts);
  const findings: Finding[] = [];
  for (const product of catalog.products.values()) findings.push(...lint(product));
  return findings;
}

/**
 * Lint of one product at a time, with the rules of `catalog` resolved once: what `lintRules` runs per product, for a
 * caller that loads products one by one and lets each go once it is checked.
 */
export function productLinter(
  catalog: Catalog,
  today: string,
  rules: readonly RuleDefinition[] = builtInRules,
  parts: LintParts = { product: true, state: true },
): (product: Product) => Finding[] {
  const ruleSet = resolveRules(catalog, rules);
  return (product) => {
    const findings: Finding[] = [];
    const configs = configsFor(ruleSet, catalog, product.domainId);
    for (const rule of rules) {
      const config = configs.get(rule.id);
      if (!config?.enabled) continue;
      const ctx = { product, catalog, params: config.params, today };
      if (parts.product && rule.checkProduct) findings.push(...apply(rule, config, rule.checkProduct(ctx)));
      if (!parts.state) continue;
      for (const { advisory, ...f } of rule.checkState?.(ctx) ?? [])
        findings.push({ ruleId: rule.id, severity: advisory ? 'warning' : config.severity, ...f });
    }
    return findings;
  };
}

/**
 * Which checks lint runs. Product checks read one product and the catalog's settings, so they can run on a part of
 * the catalog; state checks read other products too (who consumes a retired product), so they need all of it.
 */
export interface LintParts {
  readonly product: boolean;
  readonly state: boolean;
}

/** A product whose domain is new in the head takes the rules of its nearest domain that the rules catalog knows. */
function configsFor(ruleSet: RuleSet, rulesFrom: Catalog, domainId: string): ReadonlyMap<string, RuleConfig> {
  const known = (d: string) => rulesFrom.domains.has(d);
  return ruleSet.forDomain(known(domainId) ? domainId : (nearestDomainAbove(domainId, known) ?? ''));
}

function apply(rule: RuleDefinition, config: RuleConfig, found: RuleFinding[]): Finding[] {
  return found.map((f) => ({ ruleId: rule.id, severity: config.severity, ...f }));
}

/** RULE_LOOSENED findings for domains whose overrides try to loosen the rules they inherit. */
export function checkDomainOverrides(
  catalog: Catalog,
  domainIds: Iterable<string>,
  rules: readonly RuleDefinition[] = builtInRules,
): Finding[] {
  const ruleSet = resolveRules(catalog, rules);
  for (const id of domainIds) ruleSet.forDomain(id);
  return [...ruleSet.loosenings];
}

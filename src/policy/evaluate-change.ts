import { diffCatalogs, type Change } from '../catalog/diff.js';
import type { LoadResult } from '../catalog/load.js';
import type { SchemaHistories } from '../catalog/schema-history.js';
import { validateNames, wildcardAllowed } from '../catalog/validate-names.js';
import { hasErrors, sortFindings, type Finding, type Severity } from '../core/findings.js';
import { breakingChangeRuleId } from '../rules/registry.js';
import { checkSchemas, type SchemaVerdict } from './check-schemas.js';
import { checkDomainOverrides, evaluateRules } from './evaluate-rules.js';
import { computeImpact, type ImpactEntry } from './impact.js';
import { computeRequirements, type RequirementSet } from './requirements.js';

export interface ChangeInputs {
  readonly base: LoadResult;
  readonly head: LoadResult;
  /**
   * The schema files of each touched product at every commit up to the base that changed one of them, oldest
   * first (all of them matter for transitive levels). Without a product's, the base version is its only history.
   */
  readonly history?: SchemaHistories;
  /** Today, `YYYY-MM-DD`, for date rules. */
  readonly today: string;
}

export type { SchemaVerdict } from './check-schemas.js';

/** Everything a reviewer needs about one pull request, computed from plain data. */
export interface ChangeReport {
  /** Problems this change introduces (problems already in the base are not repeated). */
  readonly findings: readonly Finding[];
  readonly changes: readonly Change[];
  readonly schemas: readonly SchemaVerdict[];
  readonly impact: readonly ImpactEntry[];
  readonly approvals: RequirementSet;
  readonly blocking: boolean;
}

/**
 * Judges a pull request: what changed, whether changed schemas stay compatible (against their history), which
 * rules it breaks (by the base's rules), whom it reaches, and whose approval it needs (by the base's owners).
 */
export function evaluateChange(inputs: ChangeInputs): ChangeReport {
  const base = inputs.base.catalog;
  const head = inputs.head.catalog;
  const changes = diffCatalogs(base, head);
  const schemas = checkSchemas(base, head, changes, inputs.history);
  const breakingChanges = new Set<Change>(
    schemas.filter((s) => s.result.status === 'incompatible').map((s) => s.change),
  );
  const breaking = (c: Change) => breakingChanges.has(c);
  const touched = [...new Set(changes.flatMap((c) => ('productId' in c ? [c.productId] : [])))];
  const products = touched.flatMap((id) => head.products.get(id) ?? []);
  const before = touched.flatMap((id) => base.products.get(id) ?? []);
  const ruleInputs = { rulesFrom: base, base, head, breaking, today: inputs.today };
  // Product rules judge the touched products before and after: the change answers only for what it introduces.
  const ruleFindings = newOnly(
    evaluateRules({ ...ruleInputs, changes, products }),
    evaluateRules({ ...ruleInputs, head: base, changes: [], products: before }),
  );
  const domains = changes.flatMap((c) =>
    c.kind === 'domain-added' || c.kind === 'domain-changed' ? [c.domainId] : [],
  );
  const loosenings = newOnly(
    checkDomainOverrides(head, domains),
    checkDomainOverrides(
      base,
      domains.filter((d) => base.domains.has(d)),
    ),
  );
  const compatFindings = onePerPlace(schemas.map((s) => explainSchema(s, ruleFindings)));
  const findings = sortFindings([
    ...newOnly(inputs.head.findings, inputs.base.findings),
    ...wildcardsByBaseRules(inputs),
    ...ruleFindings,
    ...loosenings,
    ...compatFindings,
  ]);
  const impact = computeImpact(base, head, changes, breaking);
  const approvals = computeRequirements(
    base,
    changes,
    impact,
    breaking,
    (id) => head.products.get(id)?.manifest.inputPorts ?? [],
  );
  return { findings, changes, schemas, impact, approvals, blocking: hasErrors(findings) };
}

/**
 * The head was validated by its own rules; a pull request that also allows wildcard principals in `rules/` must
 * still answer to the base's, which do not (the governance team approves the new rule first, then its use).
 */
function wildcardsByBaseRules(inputs: ChangeInputs): Finding[] {
  if (wildcardAllowed(inputs.base.catalog) || !wildcardAllowed(inputs.head.catalog)) return [];
  const byBase = validateNames(inputs.head.catalog, inputs.base.catalog).filter(
    (f) => f.ruleId === 'PRINCIPAL_WILDCARD',
  );
  return newOnly(byBase, inputs.base.findings);
}

/**
 * A break's explanation blocks exactly when the governance rule on breaking changes blocks for it (a draft
 * product, or a rule set to warn, lets it through as a warning); other compatibility notes are warnings.
 */
function explainSchema(verdict: SchemaVerdict, ruleFindings: readonly Finding[]): Finding[] {
  const rule = ruleFindings.find((f) => f.ruleId === breakingChangeRuleId && f.location === verdict.change.location);
  const severity: Severity = rule?.severity ?? 'warning';
  return verdict.result.findings.map((f) => (f.severity === 'error' ? { ...f, severity } : f));
}

/**
 * A break in a shared file is met by every subject that uses it (the file's own subject and each port's): it is
 * explained once, by the first verdict that finds it, at the strictest severity any of them gives. Within one
 * verdict, findings at one place stay apart (a union that lacks two branches is two breaks).
 */
function onePerPlace(verdicts: readonly (readonly Finding[])[]): Finding[] {
  const kept: Finding[] = [];
  const at = new Map<string, number[]>();
  const key = (f: Finding) => `${f.ruleId}\u0000${f.location.path}:${f.location.line}:${f.location.column}`;
  for (const findings of verdicts) {
    const added = new Map<string, number[]>();
    for (const f of findings) {
      const earlier = at.get(key(f));
      if (!earlier) {
        added.set(key(f), [...(added.get(key(f)) ?? []), kept.push(f) - 1]);
        continue;
      }
      if (f.severity !== 'error') continue;
      for (const i of earlier) kept[i] = { ...(kept[i] as Finding), severity: 'error' };
    }
    for (const [k, indexes] of added) at.set(k, indexes);
  }
  return kept;
}

/** Findings of `head` that `base` did not have (line numbers may move, so they do not take part). */
function newOnly(head: readonly Finding[], base: readonly Finding[]): Finding[] {
  const key = (f: Finding) => `${f.ruleId}\u0000${f.location.path}\u0000${f.message}`;
  const known = new Set(base.map(key));
  return head.filter((f) => !known.has(key(f)));
}

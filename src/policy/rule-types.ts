import type { Change } from '../catalog/diff.js';
import type { Catalog, Product } from '../catalog/model.js';
import type { Finding, Location, Severity } from '../core/findings.js';
import type { RuleId } from '../rules/registry.js';

/** A rule's effective settings for one product: built-in defaults, then rules/, then each enclosing domain. */
export interface RuleConfig {
  readonly enabled: boolean;
  readonly severity: Severity;
  readonly params: Readonly<Record<string, unknown>>;
}

/** A finding before the rule's configured severity is applied. */
export type RuleFinding = Omit<Finding, 'ruleId' | 'severity'>;

export interface ProductRuleContext {
  readonly product: Product;
  readonly catalog: Catalog;
  readonly params: Readonly<Record<string, unknown>>;
}

/** What a change rule sees: the change, both catalogs, and what the compatibility stage concluded. */
export interface ChangeRuleContext {
  readonly change: Change;
  readonly base: Catalog;
  readonly head: Catalog;
  readonly params: Readonly<Record<string, unknown>>;
  /** Whether a schema change breaks its port's compatibility level. */
  readonly breaking: (change: Change) => boolean;
  /** Today, `YYYY-MM-DD`: rules stay pure by being told the date. */
  readonly today: string;
}

/**
 * A governance rule as data: its id, its defaults, how a domain may tighten it, and its check; what it is for is
 * the id's registry entry (src/rules/governance.ts). `tighten` merges a domain's override into the inherited
 * settings and names every parameter it tried to loosen.
 */
export interface RuleDefinition {
  readonly id: RuleId;
  readonly defaults: RuleConfig;
  readonly tighten?: (
    inherited: Readonly<Record<string, unknown>>,
    override: Readonly<Record<string, unknown>>,
  ) => TightenResult;
  readonly checkProduct?: (ctx: ProductRuleContext) => RuleFinding[];
  readonly checkChange?: (ctx: ChangeRuleContext) => RuleFinding[];
  /**
   * What whole-catalog lint (`steward validate`) judges of a product's standing today, where a change rule judges
   * the moment of change: a sunset that has passed, a retired product still read. `check` never runs it.
   */
  readonly checkState?: (ctx: StateRuleContext) => StateFinding[];
}

export interface StateRuleContext extends ProductRuleContext {
  /** Today, `YYYY-MM-DD`. */
  readonly today: string;
}

/**
 * A state finding; an advisory one is a warning whatever the rule's severity: it tells what time or consumers have
 * made of a product, not a fault its authors wrote.
 */
export type StateFinding = RuleFinding & { readonly advisory?: boolean };

export interface TightenResult {
  readonly params: Readonly<Record<string, unknown>>;
  /** Parameters the override tried to loosen (they keep the inherited value). */
  readonly loosened: readonly string[];
}

export function at(location: Location, message: string, previousLocation?: Location): RuleFinding {
  return previousLocation ? { location, message, previousLocation } : { location, message };
}

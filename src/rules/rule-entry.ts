import type { Severity } from '../core/findings.js';

/**
 * What the registry knows of one rule id. Invariants: `summary` is one sentence on one line; `doc` is the Markdown
 * "meaning and fix" that docs/rules.md shows (or, for compatibility and governance rules, the page they link to).
 */
export interface RuleEntry {
  /** The severity a finding of this rule has unless said otherwise (governance rules are configurable). */
  readonly severity: Severity;
  readonly summary: string;
  readonly doc: string;
}

export type RuleTable = Readonly<Record<string, RuleEntry>>;

import type { RuleId } from '../rules/registry.js';

/** Severity of a finding. Only `error` blocks (exit code 1, failing check run). */
export type Severity = 'error' | 'warning' | 'notice';

/** A 1-based position in a source file of the repository (paths are repository-relative, `/`-separated). */
export interface Location {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

/**
 * One problem found in what a user wrote. Invariant: `message` is a full sentence that names the object and says
 * how to fix it; `ruleId` is stable SCREAMING_SNAKE and registered
 * in src/rules/ (so documented in docs/rules.md): an unregistered id does not compile.
 */
export interface Finding {
  readonly ruleId: RuleId;
  readonly severity: Severity;
  readonly message: string;
  readonly location: Location;
  /** For findings about a change: where the same thing stood before it. */
  readonly previousLocation?: Location;
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/**
 * Stable order for output: by path, line, column, severity, then rule id; ties keep the order they came in (the sort
 * is stable), which is the order the checks ran in. Parallel lint relies on it: see `lintCatalog`.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareStrings(a.location.path, b.location.path) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      severityRank[a.severity] - severityRank[b.severity] ||
      compareStrings(a.ruleId, b.ruleId),
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The location used for findings about a whole file (or a file that could not be read at all). */
export function fileStart(path: string): Location {
  return { path, line: 1, column: 1 };
}

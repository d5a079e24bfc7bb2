import type { SchemaText } from './avro-version.js';
import { checkCompatibility, type CompatibilityLevel, type CompatibilityResult } from './compat-check.js';

/** One committed version of a port's schema file, as git history gives it. */
export interface SchemaHistoryEntry {
  /** The commit, full or abbreviated; messages show its first 7 characters. */
  readonly commit: string;
  /** The file's path at that commit (it may have been renamed since). */
  readonly path: string;
  readonly text: string;
}

/**
 * Judges a changed output-port schema against its committed history (oldest first), so a PR can be judged with
 * no registry at hand. Locations keep plain repository paths, so annotations land on real files; the commit of
 * a previous version is named in the message instead (`the schema at commit 1a2b3c4`). Referenced files are read
 * at the candidate's state for every version: a product's shared types change in their own files' history.
 */
export function checkSchemaHistory(
  candidate: SchemaText,
  history: readonly SchemaHistoryEntry[],
  level: CompatibilityLevel,
  references: readonly SchemaText[] = [],
): CompatibilityResult {
  const previous = history.map((h) => ({
    path: h.path,
    text: h.text,
    label: `commit ${h.commit.slice(0, 7)}`,
    references: references.filter((r) => r.path !== h.path),
  }));
  return checkCompatibility(
    { ...candidate, references: references.filter((r) => r.path !== candidate.path) },
    previous,
    level,
  );
}

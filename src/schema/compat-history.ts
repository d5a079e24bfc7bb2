import type { SchemaText, SchemaVersion } from './avro-version.js';
import { checkCompatibility, type CompatibilityLevel, type CompatibilityResult } from './compat-check.js';

/** One committed version of a subject's schema: its file and the files it referenced, all as of that commit. */
export interface SchemaHistoryEntry {
  /** The commit, full or abbreviated; messages show its first 7 characters. */
  readonly commit: string;
  /** The file's path at that commit (it may have been renamed since). */
  readonly path: string;
  readonly text: string;
  /**
   * The files whose named types this version used, with their text at this commit: a shared type edited since
   * must not be judged in its new form in the old versions, or every change to it would look compatible.
   */
  readonly references: readonly SchemaText[];
}

/**
 * Judges a changed schema (with its referenced files at the head) against its committed history (oldest first), so
 * a PR can be judged with no registry at hand. Locations keep plain repository paths, so annotations land on real
 * files; the commit of a previous version is named in the message instead (`the schema at commit 1a2b3c4`).
 */
export function checkSchemaHistory(
  candidate: SchemaVersion,
  history: readonly SchemaHistoryEntry[],
  level: CompatibilityLevel,
): CompatibilityResult {
  const previous = history.map((h) => ({
    path: h.path,
    text: h.text,
    label: `commit ${h.commit.slice(0, 7)}`,
    references: h.references,
  }));
  return checkCompatibility(candidate, previous, level);
}

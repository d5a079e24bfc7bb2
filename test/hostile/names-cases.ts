import { join } from 'node:path';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import type { SourceEntry } from '../../src/core/source.js';
import { evaluateRules } from '../../src/policy/evaluate-rules.js';

export type Tuple = [ruleId: string, path: string, line: number, severity: string];

/**
 * Hostile case (run in a bounded worker): the validate base fixture with `files` laid over it (path → text, null
 * deletes), loaded and then held to every product rule, as `steward check` judges the products a change touches.
 */
export async function judgeCatalog(files: Record<string, string | null>): Promise<{ load: Tuple[]; rules: Tuple[] }> {
  const tree = new Map<string, SourceEntry>(
    await readDirectorySource(join(import.meta.dirname, '..', 'fixtures', 'validate', 'base')),
  );
  for (const [path, text] of Object.entries(files)) {
    if (text === null) tree.delete(path);
    else tree.set(path, { kind: 'file', content: text });
  }
  const { catalog, findings } = loadCatalog(tree);
  const rules = evaluateRules({
    rulesFrom: catalog,
    base: catalog,
    head: catalog,
    changes: [],
    products: [...catalog.products.values()],
    breaking: () => false,
    today: '2026-11-22',
  });
  const tuple = (f: (typeof findings)[number]): Tuple => [f.ruleId, f.location.path, f.location.line, f.severity];
  return { load: findings.map(tuple), rules: rules.map(tuple) };
}

/** Several variants in one worker: each overlay judged on its own. */
export async function judgeCatalogs(
  overlays: Record<string, string | null>[],
): Promise<{ load: Tuple[]; rules: Tuple[] }[]> {
  const results = [];
  for (const files of overlays) results.push(await judgeCatalog(files));
  return results;
}

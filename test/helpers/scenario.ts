import { join } from 'node:path';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import type { SourceEntry } from '../../src/core/source.js';
import { evaluateChange } from '../../src/policy/evaluate-change.js';
import { fixturesDir } from './fixtures.js';

export type Edit = [path: string, transform: (text: string) => string | undefined];

/** The validate base fixture as a tree, and a copy with edits applied (undefined text deletes the file). */
export async function scenario(edits: Edit[], baseEdits: Edit[] = []) {
  const base = applyEdits(await readDirectorySource(join(fixturesDir, 'validate', 'base')), baseEdits);
  const head = applyEdits(base, edits);
  const report = evaluateChange({ base: loadCatalog(base), head: loadCatalog(head), today: '2026-11-22' });
  return {
    report,
    findings: report.findings.map((f) => [f.ruleId, f.location.path, f.location.line]),
    requirements: report.approvals.requirements.map((r) => [r.id, r.parties]),
    changes: report.changes.map((c) => c.kind),
  };
}

function applyEdits(tree: ReadonlyMap<string, SourceEntry>, edits: Edit[]): Map<string, SourceEntry> {
  const next = new Map(tree);
  for (const [path, transform] of edits) {
    const entry = next.get(path);
    const before = entry?.kind === 'file' ? Buffer.from(entry.content).toString('utf8') : '';
    const after = transform(before);
    if (after === undefined) next.delete(path);
    else next.set(path, { kind: 'file', content: after });
  }
  return next;
}

export const ORDERS = 'catalog/commerce/orders/product.yaml';
export const ORDER_SCHEMA = 'catalog/commerce/orders/schemas/order.avsc';
export const SHIPMENTS = 'catalog/logistics/shipments/product.yaml';

/** Adds a field to the Order schema. */
export function addOrderField(field: object): Edit {
  return [ORDER_SCHEMA, (t) => t.replace('"doc": "Total." }', `"doc": "Total." },\n    ${JSON.stringify(field)}`)];
}

import { resolve } from 'node:path';
import { loadCatalog } from '../catalog/load.js';
import type { Catalog, Product } from '../catalog/model.js';
import { hasErrors } from '../core/findings.js';
import type { SourceTree } from '../core/source.js';
import { closest } from '../core/suggest.js';
import { renderFindingsText } from '../render/findings.js';
import { readDirectorySource } from './fs-source.js';
import { findRepoRoot } from './git/repo-root.js';
import { UsageError, type CliIo } from './io.js';

/**
 * The catalog of the repository at `dir` (default: around the working directory) for a command that publishes
 * from it, or undefined after printing its findings when it has errors: an export of a catalog that does not
 * validate would describe topics the plan would never create.
 */
export async function loadValidCatalog(
  io: CliIo,
  dir: string | undefined,
  command: string,
): Promise<{ root: string; catalog: Catalog; tree: SourceTree } | undefined> {
  const root = dir === undefined ? findRepoRoot(io.cwd) : resolve(io.cwd, dir);
  const tree = await readDirectorySource(root);
  const { catalog, findings } = loadCatalog(tree);
  if (hasErrors(findings)) {
    io.err(renderFindingsText(findings));
    io.err(`steward ${command}: the catalog has errors (listed above); fix them first. Nothing was written.\n`);
    return undefined;
  }
  if (catalog.products.size === 0)
    throw new UsageError(`No catalog found in ${root}: there is no product under catalog/. Pass the repository root.`);
  return { root, catalog, tree };
}

/** The product `id`, or a UsageError naming the closest product id when there is one. */
export function productOf(catalog: Catalog, id: string): Product {
  const product = catalog.products.get(id);
  if (product) return product;
  const near = closest(id, catalog.products.keys());
  throw new UsageError(
    `No product ${id} in the catalog${near ? `; did you mean ${near}?` : ''}. A product id is its folder under catalog/, e.g. ${near ?? [...catalog.products.keys()][0]}.`,
  );
}

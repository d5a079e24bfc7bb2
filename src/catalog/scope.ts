import type { ChangedPath, SourceTree } from '../core/source.js';
import type { Catalog } from './model.js';
import { catalogRoot } from './model.js';

/**
 * Every folder under `catalog/` that holds a changed path, as an id (`catalog/a/b/x.avsc` → `a`, `a/b`): a product
 * is touched when its id is one of them, on either side of the change. Both shells load the touched products with
 * their schemas and the rest from their manifests only, so this is the one place that decides which is which.
 */
export function touchedFolders(changed: readonly ChangedPath[]): ReadonlySet<string> {
  const folders = new Set<string>();
  for (const { path } of changed) {
    if (!path.startsWith(catalogRoot)) continue;
    const parts = path.slice(catalogRoot.length).split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  return folders;
}

/** The touched folders that are products in any of `catalogs` (the base and the head): the scope of a live plan. */
export function touchedProducts(folders: ReadonlySet<string>, catalogs: readonly Catalog[]): ReadonlySet<string> {
  return new Set([...folders].filter((id) => catalogs.some((c) => c.products.has(id))));
}

/**
 * The product a path under `catalog/` belongs to in `tree`: the nearest folder above it with a product.yaml, as an
 * id (`catalog/a/b/x.avsc` → `a/b` when `catalog/a/b/product.yaml` is there), as the loader assigns schema files.
 */
export function productOfPath(path: string, tree: SourceTree): string | undefined {
  for (let slash = path.lastIndexOf('/'); slash > catalogRoot.length; slash = path.lastIndexOf('/', slash - 1)) {
    const folder = path.slice(0, slash);
    if (tree.has(`${folder}/product.yaml`)) return folder.slice(catalogRoot.length);
  }
  return undefined;
}

/**
 * The base products whose schema history a change needs: the product each changed .avsc file or manifest belongs
 * to at the base. A port's version changes with any file it references, so both shells then read the history of
 * the whole product folder. The one choice for `steward check` and the App.
 */
export function historyProducts(changed: readonly ChangedPath[], base: SourceTree): ReadonlySet<string> {
  const products = new Set<string>();
  for (const { path } of changed) {
    if (!path.startsWith(catalogRoot) || !/(\.avsc|\/product\.yaml)$/.test(path)) continue;
    const id = productOfPath(path, base);
    if (id !== undefined) products.add(id);
  }
  return products;
}

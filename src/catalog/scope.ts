import type { ChangedPath } from '../core/source.js';
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

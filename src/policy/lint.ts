import { catalogContext, type LoadResult, type PlannedProduct, type PreloadedProduct } from '../catalog/load.js';
import { loadProduct } from '../catalog/load-product.js';
import type { SourceTree } from '../core/source.js';
import { sortFindings, type Finding } from '../core/findings.js';
import { checkDomainOverrides, lintRules, productLinter } from './evaluate-rules.js';
import { builtInRules } from './rules/index.js';

/**
 * What `steward validate` reports, the way `buf lint` judges a module: the catalog's own findings, then every
 * governance rule that one catalog can answer (naming, metadata, bounds, PII, minimum compatibility, lifecycle as of
 * `today`, domain overrides that loosen), over every product. `productFindings` are the product checks when they ran
 * elsewhere (`lintProducts` over parts of the catalog, in other threads); then only the state checks run here. The
 * order is the same either way: findings tie only within one rule at one place, and a rule's product findings come
 * before its state findings in both.
 */
export function lintCatalog(load: LoadResult, today: string, productFindings?: readonly Finding[]): Finding[] {
  const catalog = load.catalog;
  const rules = productFindings
    ? [...productFindings, ...lintRules(catalog, today, builtInRules, { product: false, state: true })]
    : lintRules(catalog, today);
  return sortFindings([...load.findings, ...rules, ...checkDomainOverrides(catalog, catalog.domains.keys())]);
}

/**
 * The product checks of lint over some products of a tree (a part, for a worker thread, or all of them), loading
 * and checking one product at a time so that each product's schema graphs are garbage as soon as it is checked.
 * Returns what `lintCatalog` needs: each product's load as plain data, and the product checks' findings.
 */
export function lintProducts(
  tree: SourceTree,
  part: readonly PlannedProduct[],
  today: string,
  domainIds?: readonly string[],
): { products: [string, PreloadedProduct][]; findings: Finding[] } {
  const lint = productLinter(catalogContext(tree, domainIds), today, builtInRules, { product: true, state: false });
  const products: [string, PreloadedProduct][] = [];
  const findings: Finding[] = [];
  for (const { id, domainId, schemaPaths } of part) {
    const load = loadProduct(tree, id, domainId, schemaPaths);
    products.push([id, { findings: load.findings, manifest: load.product?.manifest }]);
    if (load.product) findings.push(...lint(load.product));
  }
  return { products, findings };
}

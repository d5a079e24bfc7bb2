import type { LoadResult } from '../catalog/load.js';
import { sortFindings, type Finding } from '../core/findings.js';
import type { Catalog } from '../catalog/model.js';
import { checkDomainOverrides, lintRules } from './evaluate-rules.js';
import { builtInRules } from './rules/index.js';

/**
 * What `steward validate` reports, the way `buf lint` judges a module: the catalog's own findings, then every
 * governance rule that one catalog can answer (naming, metadata, bounds, PII, minimum compatibility, lifecycle as of
 * `today`, domain overrides that loosen), over every product. `productFindings` are the product checks when they ran
 * elsewhere (`lintProducts` over parts of the catalog, in other threads); then only the state checks run here.
 */
export function lintCatalog(load: LoadResult, today: string, productFindings?: readonly Finding[]): Finding[] {
  const catalog = load.catalog;
  const rules = productFindings
    ? [...productFindings, ...lintRules(catalog, today, builtInRules, { product: false, state: true })]
    : lintRules(catalog, today);
  return sortFindings([...load.findings, ...rules, ...checkDomainOverrides(catalog, catalog.domains.keys())]);
}

/** The product checks of lint over some products of a catalog part (see `loadCatalogPart`). */
export function lintProducts(catalog: Catalog, today: string): Finding[] {
  return lintRules(catalog, today, builtInRules, { product: true, state: false });
}

import type { LoadResult } from '../catalog/load.js';
import { sortFindings, type Finding } from '../core/findings.js';
import { checkDomainOverrides, lintRules } from './evaluate-rules.js';

/**
 * What `steward validate` reports, the way `buf lint` judges a module: the catalog's own findings, then every
 * governance rule that one catalog can answer (naming, metadata, bounds, PII, minimum compatibility, lifecycle as of
 * `today`, domain overrides that loosen), over every product.
 */
export function lintCatalog(load: LoadResult, today: string): Finding[] {
  const catalog = load.catalog;
  return sortFindings([
    ...load.findings,
    ...lintRules(catalog, today),
    ...checkDomainOverrides(catalog, catalog.domains.keys()),
  ]);
}

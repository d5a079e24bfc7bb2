import type { Finding } from '../core/findings.js';
import { fileStart } from '../core/findings.js';
import { closest } from '../core/suggest.js';
import type { SourceTree } from '../core/source.js';
import { catalogRoot } from './model.js';

/** Where things are in catalog/: which folders are domains and products, and which files belong to which product. */
export interface CatalogLayout {
  readonly domainIds: readonly string[];
  readonly productIds: readonly string[];
  /** Product id → repository paths of its .avsc files. */
  readonly schemaFiles: ReadonlyMap<string, readonly string[]>;
  readonly findings: readonly Finding[];
}

const manifestNames = ['domain.yaml', 'product.yaml'];

/** Classifies the files under catalog/ and reports those that fit no folder of the domain tree. */
export function scanLayout(tree: SourceTree): CatalogLayout {
  const domainIds: string[] = [];
  const productIds: string[] = [];
  const others: string[] = [];
  for (const path of tree.keys()) {
    if (!path.startsWith(catalogRoot)) continue;
    const rel = path.slice(catalogRoot.length);
    if (rel.endsWith('/domain.yaml')) domainIds.push(rel.slice(0, -'/domain.yaml'.length));
    else if (rel.endsWith('/product.yaml')) productIds.push(rel.slice(0, -'/product.yaml'.length));
    else others.push(path);
  }
  domainIds.sort();
  productIds.sort();
  const products = new Set(productIds);
  const domains = new Set(domainIds);
  const findings: Finding[] = [];
  const schemaFiles = new Map<string, string[]>();
  for (const path of others) classifyOther(tree, path, products, schemaFiles, findings);
  for (const id of productIds) checkProductPlace(id, products, domains, findings);
  for (const id of domainIds) checkDomainPlace(id, products, domains, findings);
  return { domainIds, productIds, schemaFiles, findings };
}

/** The product folder containing a catalog path (nearest ancestor with product.yaml), if any. */
function owningProduct(rel: string, products: ReadonlySet<string>): string | undefined {
  let dir = rel;
  for (let slash = dir.lastIndexOf('/'); slash > 0; slash = dir.lastIndexOf('/')) {
    dir = dir.slice(0, slash);
    if (products.has(dir)) return dir;
  }
  return undefined;
}

function classifyOther(
  tree: SourceTree,
  path: string,
  products: ReadonlySet<string>,
  schemaFiles: Map<string, string[]>,
  findings: Finding[],
): void {
  const rel = path.slice(catalogRoot.length);
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  const product = owningProduct(rel, products);
  const entry = tree.get(path);
  // Schema files are read (and a link among them reported) by their product; any other link is reported here,
  // since a linked folder could hide manifests.
  if (entry?.kind === 'symlink' && !(base.endsWith('.avsc') && product !== undefined)) {
    findings.push({
      ruleId: 'SOURCE_SYMLINK',
      severity: 'error',
      message: `${path} is a symbolic link (to ${entry.target}); Mesh Steward never follows links, so replace it with the file or folder itself.`,
      location: fileStart(path),
    });
    return;
  }
  if (/\.ya?ml$/i.test(base)) {
    const hint = closest(base, manifestNames);
    const fix = hint ? `rename it to ${hint} if it is meant as one` : 'move it out of catalog/ or rename it to domain.yaml or product.yaml';
    findings.push({
      ruleId: 'UNRECOGNIZED_FILE',
      severity: 'warning',
      message: `${path} is not read: only domain.yaml and product.yaml are manifests; ${fix}.`,
      location: fileStart(path),
    });
    return;
  }
  if (!base.endsWith('.avsc')) return;
  if (product === undefined) {
    findings.push({
      ruleId: 'SCHEMA_OUTSIDE_PRODUCT',
      severity: 'warning',
      message: `${path} is not inside a product folder, so no port can use it; move it into the schemas/ folder of the product that publishes it.`,
      location: fileStart(path),
    });
    return;
  }
  const list = schemaFiles.get(product) ?? [];
  list.push(path);
  schemaFiles.set(product, list);
}

function ancestors(id: string): string[] {
  const parts = id.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

function checkProductPlace(id: string, products: ReadonlySet<string>, domains: ReadonlySet<string>, findings: Finding[]): void {
  const path = `${catalogRoot}${id}/product.yaml`;
  const parents = ancestors(id);
  const nested = parents.find((p) => products.has(p));
  if (nested !== undefined) {
    findings.push({
      ruleId: 'PRODUCT_NESTED',
      severity: 'error',
      message: `Product ${id} is inside product ${nested}; products cannot contain products, so move it next to ${nested} in its domain.`,
      location: fileStart(path),
    });
    return;
  }
  if (parents.length === 0) {
    findings.push({
      ruleId: 'DOMAIN_MISSING',
      severity: 'error',
      message: `Product ${id} sits directly in catalog/; every product belongs to a domain, so move it into a domain folder (one with domain.yaml).`,
      location: fileStart(path),
    });
    return;
  }
  reportMissingDomains(id, parents, domains, path, findings);
}

function checkDomainPlace(id: string, products: ReadonlySet<string>, domains: ReadonlySet<string>, findings: Finding[]): void {
  const path = `${catalogRoot}${id}/domain.yaml`;
  const parents = ancestors(id);
  const inProduct = [...parents, id].find((p) => products.has(p));
  if (inProduct !== undefined) {
    findings.push({
      ruleId: 'PRODUCT_NESTED',
      severity: 'error',
      message: `Domain ${id} is inside product ${inProduct}; a folder is either a domain or a product, so move the domain out.`,
      location: fileStart(path),
    });
    return;
  }
  reportMissingDomains(id, parents, domains, path, findings);
}

function reportMissingDomains(id: string, parents: string[], domains: ReadonlySet<string>, path: string, findings: Finding[]): void {
  for (const folder of parents.filter((p) => !domains.has(p))) {
    findings.push({
      ruleId: 'DOMAIN_MISSING',
      severity: 'error',
      message: `Folder catalog/${folder} holds ${id} but has no domain.yaml; add catalog/${folder}/domain.yaml with the domain's name, description and owners.`,
      location: fileStart(path),
    });
  }
}

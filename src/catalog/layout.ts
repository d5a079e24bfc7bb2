import type { Finding } from '../core/findings.js';
import { fileStart } from '../core/findings.js';
import { closest } from '../core/suggest.js';
import type { SourceEntry, SourceTree } from '../core/source.js';
import { catalogRoot, rulesRoot } from './model.js';
import { describeEntryType } from './read-source.js';

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
  findings.push(...scanOddities(tree));
  for (const path of others) classifyOther(tree, path, products, schemaFiles, findings);
  for (const id of productIds) checkProductPlace(id, products, domains, findings);
  for (const id of domainIds) checkDomainPlace(id, products, domains, findings);
  return { domainIds, productIds, schemaFiles, findings };
}

/** The folders a catalog is made of; a link or a file in their place would hide or fake the whole of it. */
const roots = ['catalog', 'rules', '.github'];

/**
 * What the readers of catalog files never see, reported so nothing a user wrote is silently dropped: a root that is
 * a link (never followed, at any depth) or not a folder, a link inside rules/ (it could hide rule files), a folder
 * named like a manifest, and names that are not valid UTF-8 (providers show each bad byte as U+FFFD).
 */
function scanOddities(tree: SourceTree): Finding[] {
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const [path, entry] of tree) {
    if (roots.includes(path)) findings.push(rootFinding(path, entry));
    else if (entry.kind === 'symlink' && path.startsWith(rulesRoot) && !/\.ya?ml$/i.test(path))
      findings.push(linkFinding(path, entry.target));
    const folder = /^(.*?\/(?:product|domain)\.yaml)\//.exec(path)?.[1];
    if (folder !== undefined && path.startsWith(catalogRoot) && !reported.has(folder)) {
      reported.add(folder);
      const message = `${folder} is a folder, not a file, so it is not read as a manifest; replace it with the manifest file itself.`;
      findings.push({ ruleId: 'SOURCE_NOT_REGULAR', severity: 'error', message, location: fileStart(folder) });
    }
    const named = badlyNamed(path);
    if (named !== undefined && !reported.has(named)) {
      reported.add(named);
      const message = `The name of ${named} is not valid UTF-8 (each bad byte is shown as \uFFFD); git, GitHub and editors disagree on such names, so rename it using UTF-8.`;
      findings.push({ ruleId: 'FILE_NAME_NOT_UTF8', severity: 'error', message, location: fileStart(named) });
    }
  }
  return findings;
}

/** The shortest prefix of `path` whose last name holds U+FFFD: the folder or file to rename. */
function badlyNamed(path: string): string | undefined {
  const bad = path.indexOf('\uFFFD');
  if (bad === -1) return undefined;
  const end = path.indexOf('/', bad);
  return end === -1 ? path : path.slice(0, end);
}

function rootFinding(path: string, entry: SourceEntry): Finding {
  if (entry.kind === 'symlink') return linkFinding(path, entry.target);
  const what = entry.kind === 'not-regular' ? describeEntryType(entry.type) : 'a file';
  return {
    ruleId: 'SOURCE_NOT_REGULAR',
    severity: 'error',
    message: `${path} is ${what}, not a folder, so nothing in it is read; make ${path} a folder.`,
    location: fileStart(path),
  };
}

function linkFinding(path: string, target: string): Finding {
  return {
    ruleId: 'SOURCE_SYMLINK',
    severity: 'error',
    message: `${path} is a symbolic link (to ${target}); Mesh Steward never follows links, so nothing behind it is read; replace it with the file or folder itself.`,
    location: fileStart(path),
  };
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
    findings.push(linkFinding(path, entry.target));
    return;
  }
  const notManifest = yamlFinding(path, base);
  if (notManifest) {
    findings.push(notManifest);
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

/** A YAML file under catalog/ that is not read as a manifest: misnamed (wrong case or extension), or unrecognized. */
function yamlFinding(path: string, base: string): Finding | undefined {
  if (manifestNames.includes(misnamed(base)) && !manifestNames.includes(base)) {
    return {
      ruleId: 'MANIFEST_MISNAMED',
      severity: 'error',
      message: `${path} is not read: a manifest must be named exactly ${misnamed(base)}; rename it to ${misnamed(base)} (or remove it if the folder already has one).`,
      location: fileStart(path),
    };
  }
  if (!/\.ya?ml$/i.test(base)) return undefined;
  const hint = closest(base, manifestNames);
  const fix = hint
    ? `rename it to ${hint} if it is meant as one`
    : 'move it out of catalog/ or rename it to domain.yaml or product.yaml';
  return {
    ruleId: 'UNRECOGNIZED_FILE',
    severity: 'warning',
    message: `${path} is not read: only domain.yaml and product.yaml are manifests; ${fix}.`,
    location: fileStart(path),
  };
}

/** `Product.yml` → `product.yaml`: the manifest name a file's name means, whatever its case and extension. */
function misnamed(base: string): string {
  return base.toLowerCase().replace(/\.yml$/, '.yaml');
}

function ancestors(id: string): string[] {
  const parts = id.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

function checkProductPlace(
  id: string,
  products: ReadonlySet<string>,
  domains: ReadonlySet<string>,
  findings: Finding[],
): void {
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

function checkDomainPlace(
  id: string,
  products: ReadonlySet<string>,
  domains: ReadonlySet<string>,
  findings: Finding[],
): void {
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

function reportMissingDomains(
  id: string,
  parents: string[],
  domains: ReadonlySet<string>,
  path: string,
  findings: Finding[],
): void {
  for (const folder of parents.filter((p) => !domains.has(p))) {
    findings.push({
      ruleId: 'DOMAIN_MISSING',
      severity: 'error',
      message: `Folder catalog/${folder} holds ${id} but has no domain.yaml; add catalog/${folder}/domain.yaml with the domain's name, description and owners.`,
      location: fileStart(path),
    });
  }
}

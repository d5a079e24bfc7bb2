import { fileStart, sortFindings, type Finding } from '../core/findings.js';
import type { SourceEntry, SourceTree } from '../core/source.js';
import { nearestDomainAbove } from './graph.js';
import { scanLayout, type CatalogLayout } from './layout.js';
import { lazyProduct, loadProduct, type ProductLoad } from './load-product.js';
import type { DomainManifest, ProductManifest, RulesManifest, SettingsManifest } from './manifest-types.js';
import {
  catalogPath,
  rulesRoot,
  settingsPaths,
  type Catalog,
  type Domain,
  type Product,
  type RulesFile,
} from './model.js';
import { manifestDocument, readYaml } from './read-source.js';
import { validateManifest, type ManifestKind } from './validate-manifest.js';
import { validateNames } from './validate-names.js';
import { validateReferences } from './validate-references.js';
import { validateRuleSettings } from './validate-rule-settings.js';
import { validateEnvironments } from './validate-environments.js';

/**
 * Product loads kept between calls, keyed by product id. A product is reused when every one of its source entries
 * is the very same object as before, so loading a pull request's base after its head re-parses only what the
 * pull request changed.
 */
export type LoadCache = Map<
  string,
  {
    readonly entries: readonly (SourceEntry | undefined)[];
    readonly deep: boolean;
    readonly domainId: string;
    readonly load: ProductLoad;
  }
>;

export interface LoadOptions {
  /** Products whose schemas are parsed and validated; the others are loaded from their manifest alone. Default: all. */
  readonly deep?: (productId: string) => boolean;
  readonly cache?: LoadCache;
  /**
   * Products already loaded elsewhere (another thread, see `loadCatalogPart`), by id: their findings are taken as
   * they are and their manifests become products whose schemas are parsed on first use.
   */
  readonly preloaded?: ReadonlyMap<string, PreloadedProduct>;
  /** The tree's layout, when the caller has scanned it already (it must be `scanLayout(tree)`). */
  readonly layout?: CatalogLayout;
}

/** What a product's load left that crosses a thread: plain data. */
export interface PreloadedProduct {
  readonly findings: readonly Finding[];
  /** Undefined when the manifest was unreadable or invalid. */
  readonly manifest: ProductManifest | undefined;
}

/** A product of a catalog's layout, as `loadCatalog` would load it. */
export interface PlannedProduct {
  readonly id: string;
  readonly domainId: string;
  readonly schemaPaths: readonly string[];
}

export interface LoadResult {
  readonly catalog: Catalog;
  /** Every problem found, in a stable order (path, line, column). */
  readonly findings: readonly Finding[];
}

/**
 * Builds the catalog from a source tree (repository path → file) and validates it: syntax, manifest shape,
 * Avro schemas, schema paths, the domain tree, references between products, single writers and unique names.
 * Pure: the same tree always gives the same result, whatever it was read from.
 */
export function loadCatalog(tree: SourceTree, options: LoadOptions = {}): LoadResult {
  const layout = options.layout ?? scanLayout(tree);
  const findings: Finding[] = [...layout.findings];
  const domains = loadDomains(tree, layout.domainIds, findings);
  const products = new Map<string, Product>();
  const brokenProducts = new Set<string>();
  for (const planned of planProducts(layout)) {
    const preloaded = options.preloaded?.get(planned.id);
    const loaded = preloaded ? fromPreloaded(tree, planned, preloaded) : loadProductCached(tree, planned, options);
    findings.push(...loaded.findings);
    if (loaded.product) products.set(planned.id, loaded.product);
    else brokenProducts.add(planned.id);
  }
  const rules = loadRulesFiles(tree, findings);
  const settings = loadSettings(tree, findings);
  const catalog: Catalog = { domains, products, brokenProducts, rules, settings };
  findings.push(...validateReferences(catalog), ...validateNames(catalog), ...validateRuleSettings(catalog));
  findings.push(...validateEnvironments(catalog));
  return { catalog, findings: sortFindings(findings) };
}

/** Every product of a layout with its domain and schema files, in id order. */
export function planProducts(layout: CatalogLayout): PlannedProduct[] {
  const domainSet = new Set(layout.domainIds);
  return layout.productIds.map((id) => ({
    id,
    domainId: parentDomain(id, domainSet) ?? '',
    schemaPaths: layout.schemaFiles.get(id) ?? [],
  }));
}

/**
 * What product rules read around a product: the domains, the rules and the settings of the tree, with no products.
 * Its own findings are left to `loadCatalog`. With `loadProduct` and the plan of `planProducts`, a caller can load
 * and check products one by one (and in parallel), then hand the results to `loadCatalog` as `preloaded`.
 */
export function catalogContext(tree: SourceTree, domainIds = scanLayout(tree).domainIds): Catalog {
  const ignored: Finding[] = [];
  return {
    domains: loadDomains(tree, domainIds, ignored),
    products: new Map(),
    brokenProducts: new Set(),
    rules: loadRulesFiles(tree, ignored),
    settings: loadSettings(tree, ignored),
  };
}

function loadDomains(tree: SourceTree, domainIds: readonly string[], findings: Finding[]): Map<string, Domain> {
  const domainSet = new Set(domainIds);
  const domains = new Map<string, Domain>();
  for (const id of domainIds) {
    const path = catalogPath(id, 'domain.yaml');
    const doc = readManifest<DomainManifest>(tree, path, 'Domain', findings);
    if (doc)
      domains.set(id, { id, parentId: parentDomain(id, domainSet), manifest: doc.manifest, document: doc.document });
  }
  return domains;
}

function loadRulesFiles(tree: SourceTree, findings: Finding[]): RulesFile[] {
  const rules: RulesFile[] = [];
  for (const path of [...tree.keys()].filter(isRulesFile).sort()) {
    const doc = readManifest<RulesManifest>(tree, path, 'Rules', findings);
    if (doc) rules.push(doc);
  }
  return rules;
}

function fromPreloaded(tree: SourceTree, planned: PlannedProduct, preloaded: PreloadedProduct): ProductLoad {
  const { id, domainId, schemaPaths } = planned;
  const findings = [...preloaded.findings];
  if (!preloaded.manifest) return { product: undefined, findings };
  const path = catalogPath(id, 'product.yaml');
  const document = manifestDocument(path, tree.get(path));
  if (!document) throw new Error(`${path} was loaded in another thread but is not readable here`);
  return { product: lazyProduct(tree, id, domainId, preloaded.manifest, document, schemaPaths), findings };
}

function loadProductCached(tree: SourceTree, planned: PlannedProduct, options: LoadOptions): ProductLoad {
  const { id, domainId, schemaPaths } = planned;
  const deep = options.deep?.(id) ?? true;
  const entries = [tree.get(catalogPath(id, 'product.yaml')), ...schemaPaths.map((p) => tree.get(p))];
  const cached = options.cache?.get(id);
  if (cached && cached.deep === deep && cached.domainId === domainId && sameEntries(cached.entries, entries))
    return cached.load;
  const load = loadProduct(tree, id, domainId, schemaPaths, deep);
  options.cache?.set(id, { entries, deep, domainId, load });
  return load;
}

function sameEntries(a: readonly (SourceEntry | undefined)[], b: readonly (SourceEntry | undefined)[]): boolean {
  return a.length === b.length && a.every((entry, i) => entry === b[i]);
}

function isRulesFile(path: string): boolean {
  return path.startsWith(rulesRoot) && /\.ya?ml$/i.test(path);
}

/** The nearest enclosing domain of a product or domain folder. */
function parentDomain(id: string, domainIds: ReadonlySet<string>): string | undefined {
  return nearestDomainAbove(id, (d) => domainIds.has(d));
}

/** Both spellings are validated; having both is an error, since which one the bot obeys would be a guess. */
function loadSettings(tree: SourceTree, findings: Finding[]) {
  const [first, ...others] = settingsPaths.filter((p) => tree.has(p));
  const settings = first ? readManifest<SettingsManifest>(tree, first, 'Settings', findings) : undefined;
  for (const path of others) {
    readManifest<SettingsManifest>(tree, path, 'Settings', findings);
    const message = `${path} and ${first} are both present, and only ${first} is obeyed; keep the settings in one of them and delete the other.`;
    findings.push({ ruleId: 'SETTINGS_DUPLICATE', severity: 'error', message, location: fileStart(path) });
  }
  return settings;
}

function readManifest<T>(tree: SourceTree, path: string, kind: ManifestKind, findings: Finding[]) {
  const entry = tree.get(path);
  if (!entry) return undefined;
  const read = readYaml(path, entry);
  findings.push(...read.findings);
  if (!read.document) return undefined;
  const value = read.value;
  const shape = validateManifest(kind, value, read.document);
  findings.push(...shape);
  return shape.length === 0 ? { manifest: value as T, document: read.document } : undefined;
}

/**
 * What drawing lineage costs the site build: on the generated catalog (a chain, each product reading the one before
 * it), the time to render each product page's lineage section (BFS, dagre layout, SVG) and each domain's mesh view,
 * and the same for a hub that `hub` products read (capped at lineageSideCap boxes a side). Prints per-page
 * figures (with the build's layout cache, and dagre alone without it) and the largest output, after the time of
 * the whole buildSite for scale. Run: node --import tsx bench/lineage-layout.ts [products] [hub readers]
 */
import { loadCatalog } from '../src/catalog/load.js';
import type { Catalog } from '../src/catalog/model.js';
import type { SourceEntry } from '../src/core/source.js';
import { buildSite } from '../src/site/build.js';
import { layoutLineage } from '../src/site/lineage-svg.js';
import { lineageLevels, productLineageGraph, renderLineage } from '../src/site/lineage.js';
import { linker } from '../src/site/links.js';
import { renderMeshView } from '../src/site/mesh-view.js';
import { buildSiteModel } from '../src/site/model.js';
import { sitePaths } from '../src/site/paths.js';
import { generateCatalogFiles } from './generate-catalog.js';

const products = Number(process.argv[2] ?? 10_000);
const hubReaders = Number(process.argv[3] ?? 500);

function load(files: Map<string, string>): Catalog {
  const source = new Map<string, SourceEntry>([...files].map(([path, content]) => [path, { kind: 'file', content }]));
  const { catalog, findings } = loadCatalog(source);
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) throw new Error(`generated catalog has ${errors.length} errors: ${errors[0]?.message}`);
  return catalog;
}

/** Runs `render` for each item, returning per-item milliseconds (sorted) and the largest output. */
function time<T>(items: readonly T[], render: (item: T) => string) {
  const ms: number[] = [];
  let largest = 0;
  for (const item of items) {
    const started = performance.now();
    const text = render(item);
    ms.push(performance.now() - started);
    largest = Math.max(largest, text.length);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => (ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0).toFixed(2);
  const total = ms.reduce((a, b) => a + b, 0);
  return `${items.length} pages: total ${(total / 1000).toFixed(2)} s, mean ${(total / ms.length).toFixed(2)} ms, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms; largest ${(largest / 1024).toFixed(1)} KiB`;
}

function measure(label: string, catalog: Catalog, only?: readonly string[]) {
  const model = buildSiteModel(catalog);
  const chosen = only ? model.products.filter((p) => only.includes(p.id)) : model.products;
  const lineage = time(chosen, (p) => renderLineage(model, p, linker(catalog, sitePaths.product(p.id))).text);
  console.log(`${label} product lineage: ${lineage}`);
  // Without the build's layout cache: dagre on every page (a sample of at most 1,000).
  const sample = chosen.filter((_, i) => i % Math.ceil(chosen.length / 1000) === 0);
  const uncached = time(sample, (p) => {
    const links = linker(catalog, sitePaths.product(p.id));
    const up = lineageLevels(p.id, model.upstream, (e) => e.producer, model.lineageDepth);
    const down = lineageLevels(p.id, model.downstream, (e) => e.consumer, model.lineageDepth);
    return String(layoutLineage(productLineageGraph(model, p, links, up, down)).width);
  });
  console.log(`${label} dagre layout alone, no cache: ${uncached}`);
  if (only) return;
  const mesh = time(model.domains, (d) => renderMeshView(model, d, linker(catalog, sitePaths.domain(d.id))).text);
  console.log(`${label} domain mesh view: ${mesh}`);
}

const files = generateCatalogFiles(products);
const chain = load(files);
const started = performance.now();
const site = buildSite(chain);
console.log(
  `chain of ${products}: whole buildSite ${((performance.now() - started) / 1000).toFixed(2)} s, ${site.size} files`,
);
measure(`chain of ${products}:`, chain);

// The hub: products 1..hubReaders read product-0 instead of the product before them.
const hubId = 'd0/d0s0/product-0';
for (let i = 1; i <= hubReaders; i++) {
  const path = [...files.keys()].find((p) => p.endsWith(`/product-${i}/product.yaml`)) as string;
  files.set(path, (files.get(path) as string).replace(/product: \S+/, `product: ${hubId}`));
}
measure(`hub read by ${hubReaders}:`, load(files), [hubId]);

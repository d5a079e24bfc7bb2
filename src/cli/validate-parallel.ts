import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { scanLayout } from '../catalog/layout.js';
import { catalogPath } from '../catalog/model.js';
import {
  loadCatalog,
  planProducts,
  type LoadResult,
  type PlannedProduct,
  type PreloadedProduct,
} from '../catalog/load.js';
import type { Finding } from '../core/findings.js';
import { decodeSource, type SourceEntry, type SourceTree } from '../core/source.js';
import { lintCatalog, lintProducts } from '../policy/lint.js';
import type { PartRequest, PartResult } from './validate-worker.js';

/**
 * A part's parse trees are garbage within microseconds; a young generation larger than V8's default lets them die
 * there instead of being copied and promoted, which measured as most of a worker's garbage-collection time.
 */
const resourceLimits = { maxYoungGenerationSizeMb: 64 };

/**
 * Worker threads for validation: one unless STEWARD_VALIDATE_THREADS asks for more (capped at the cores). Measured on
 * the 2-core machine, 10,000 products: two workers take 2.4–3.0 s and 640 MB where one thread takes 2.3–2.6 s and
 * 300 MB (each worker compiles the parsers afresh, and the main thread still loads the catalog around their
 * results), so parallel lint is opt-in until it pays.
 */
function threadsFrom(raw: string | undefined): number {
  const n = Number(raw ?? 1);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, availableParallelism()) : 1;
}

/** Below this many products a catalog is linted on one thread: starting workers would cost more than it saves. */
export const parallelFrom = 400;

export interface LintedCatalog {
  readonly load: LoadResult;
  readonly findings: readonly Finding[];
}

/**
 * Whole-catalog lint (`steward validate`). A large catalog is loaded and checked one product at a time, and with
 * more than one thread (see `threadsFrom`) its products are split across workers: each parses and checks its part
 * (manifests, schemas, product rules);
 * this thread then loads the catalog around their results and runs what needs every product (references, names,
 * state rules). The findings are the same as `lintCatalog(loadCatalog(tree), today)`, in the same order.
 */
export async function lintTree(
  tree: SourceTree,
  today: string,
  options: { readonly threads?: number; readonly minProducts?: number } = {},
): Promise<LintedCatalog> {
  const threads = options.threads ?? threadsFrom(process.env['STEWARD_VALIDATE_THREADS']);
  const layout = scanLayout(tree);
  const planned = planProducts(layout);
  const { domainIds } = layout;
  const results =
    threads < 2 || planned.length < (options.minProducts ?? parallelFrom)
      ? [lintProducts(tree, planned, today, domainIds)]
      : await Promise.all(
          splitTree(tree, planned, threads).map((request) => runPart({ ...request, domainIds }, today)),
        );
  const preloaded = new Map<string, PreloadedProduct>();
  const productFindings: Finding[] = [];
  for (const result of results) {
    for (const [id, product] of result.products) preloaded.set(id, product);
    productFindings.push(...result.findings);
  }
  const load = loadCatalog(tree, { preloaded, layout });
  return { load, findings: lintCatalog(load, today, productFindings) };
}

/**
 * Splits the products into contiguous parts of about equal size. Each part's tree holds its products' files and
 * every file no product owns (domains, rules, settings), which product rules read.
 */
function splitTree(
  tree: SourceTree,
  planned: readonly PlannedProduct[],
  parts: number,
): Omit<PartRequest, 'today' | 'domainIds'>[] {
  const owner = new Map<string, number>();
  const size = Math.ceil(planned.length / parts);
  const requests = Array.from({ length: parts }, (_, i) => ({
    products: planned.slice(i * size, (i + 1) * size),
    entries: [] as [string, SourceEntry][],
  })).filter((r) => r.products.length > 0);
  requests.forEach((request, i) => {
    for (const p of request.products) {
      owner.set(catalogPath(p.id, 'product.yaml'), i);
      for (const path of p.schemaPaths) owner.set(path, i);
    }
  });
  for (const [path, read] of tree) {
    const entry = asText(read);
    const i = owner.get(path);
    if (i === undefined) for (const request of requests) request.entries.push([path, entry]);
    else requests[i]?.entries.push([path, entry]);
  }
  return requests;
}

/**
 * A file's bytes as text when they are valid UTF-8 (the loader's own decoding, so nothing changes): thousands of
 * small byte arrays cost far more to copy into a worker than the same text as strings.
 */
function asText(entry: SourceEntry): SourceEntry {
  if (entry.kind !== 'file' || typeof entry.content === 'string') return entry;
  const decoded = decodeSource(entry.content);
  // Decoding drops one leading BOM, and decoding the text would drop another: such a file stays bytes.
  return decoded.ok && decoded.text.charCodeAt(0) !== 0xfeff ? { kind: 'file', content: decoded.text } : entry;
}

function runPart(request: Omit<PartRequest, 'today'>, today: string): Promise<PartResult> {
  const workerData = { ...request, today } satisfies PartRequest;
  return new Promise((resolve, reject) => {
    const worker = import.meta.url.endsWith('.ts')
      ? // Under a TypeScript runner (the tests) the worker is the .ts source, which needs tsx's loader first.
        new Worker(
          `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./validate-worker.ts', import.meta.url).href)}); });`,
          { eval: true, workerData, resourceLimits },
        )
      : new Worker(new URL('./validate-worker.js', import.meta.url), { workerData, resourceLimits });
    let result: PartResult | undefined;
    worker.once('message', (message: PartResult) => (result = message));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      result ? resolve(result) : reject(new Error(`A validation worker stopped (exit code ${code}) without a result.`)),
    );
  });
}

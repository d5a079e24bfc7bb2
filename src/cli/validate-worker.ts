import { parentPort, workerData } from 'node:worker_threads';
import { loadCatalogPart, type PlannedProduct, type PreloadedProduct } from '../catalog/load.js';
import type { Finding } from '../core/findings.js';
import type { SourceEntry } from '../core/source.js';
import { lintProducts } from '../policy/lint.js';

export interface PartRequest {
  readonly entries: readonly [string, SourceEntry][];
  readonly products: readonly PlannedProduct[];
  readonly today: string;
}

export interface PartResult {
  readonly products: readonly [string, PreloadedProduct][];
  /** The product rules' findings over the part's products. */
  readonly lint: readonly Finding[];
}

/** One worker of `lintTree`: loads and checks one part of the catalog, and posts back plain data. */
const request = workerData as PartRequest;
const { catalog, loads } = loadCatalogPart(new Map(request.entries), request.products);
const result: PartResult = {
  products: [...loads].map(([id, load]) => [id, { findings: load.findings, manifest: load.product?.manifest }]),
  lint: lintProducts(catalog, request.today),
};
parentPort?.postMessage(result);

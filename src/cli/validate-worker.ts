import { parentPort, workerData } from 'node:worker_threads';
import type { PlannedProduct, PreloadedProduct } from '../catalog/load.js';
import type { Finding } from '../core/findings.js';
import type { SourceEntry } from '../core/source.js';
import { lintProducts } from '../policy/lint.js';

export interface PartRequest {
  readonly entries: readonly [string, SourceEntry][];
  readonly products: readonly PlannedProduct[];
  readonly domainIds: readonly string[];
  readonly today: string;
}

export interface PartResult {
  readonly products: readonly [string, PreloadedProduct][];
  /** The product rules' findings over the part's products. */
  readonly findings: readonly Finding[];
}

/** One worker of `lintTree`: loads and checks one part of the catalog, and posts back plain data. */
const request = workerData as PartRequest;
const result: PartResult = lintProducts(new Map(request.entries), request.products, request.today, request.domainIds);
parentPort?.postMessage(result);

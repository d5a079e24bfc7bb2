import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { renderAsyncApiText } from '../../site/asyncapi.js';
import { buildSiteModel } from '../../site/model.js';
import type { CommandResult } from '../declare.js';
import { exitCodes, type CliIo } from '../io.js';
import { loadValidCatalog, productOf } from '../valid-catalog.js';

export interface ExportOptions {
  readonly out?: string;
}

/**
 * `steward export asyncapi PRODUCT`: the product's AsyncAPI 3.0.0 document, the one `steward site` writes to
 * `asyncapi/<product>.json` (indented here), on stdout or into `--out FILE`.
 */
export async function runExportAsyncApi(
  io: CliIo,
  productId: string,
  dir: string | undefined,
  options: ExportOptions,
): CommandResult {
  const loaded = await loadValidCatalog(io, dir, 'export asyncapi');
  if (!loaded) return exitCodes.findings;
  const product = productOf(loaded.catalog, productId);
  const text = renderAsyncApiText(buildSiteModel(loaded.catalog), product, 2);
  if (options.out === undefined) {
    io.out(text);
    return exitCodes.ok;
  }
  const out = resolve(io.cwd, options.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  io.out(`Wrote the AsyncAPI document of ${product.id} to ${out}\n`);
  return exitCodes.ok;
}

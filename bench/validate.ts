import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCatalog } from './generate-catalog.js';

/** Loads and validates a generated 10,000-product catalog (20,000 schemas); prints wall time and peak memory. */
const products = Number(process.env['BENCH_PRODUCTS'] ?? 10_000);
const root = mkdtempSync(join(tmpdir(), 'steward-bench-'));
try {
  generateCatalog(root, products);
  const script = join(import.meta.dirname, 'measure-validate.mjs');
  const runs = [1, 2, 3].map(() => JSON.parse(execFileSync(process.execPath, [script, root], { encoding: 'utf8' })));
  for (const r of runs)
    console.log(
      `validate ${r.products} products (${r.files} files): read ${r.readMs} ms + validate ${r.validateMs} ms = ${r.totalMs} ms wall (${r.cpuMs} ms CPU), peak RSS ${r.peakRssMb} MB, ${r.findings} findings`,
    );
  const best = runs.reduce((a, b) => (a.totalMs < b.totalMs ? a : b));
  console.log(
    `best of 3: ${best.totalMs} ms wall, ${best.cpuMs} ms CPU, ${best.peakRssMb} MB peak (target: < 3000 ms, < 400 MB)`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCatalog } from './generate-catalog.js';

/**
 * `steward check` on a generated 10,000-product mesh (a git repository) with one changed schema in the working
 * tree: wall time and peak memory, in a fresh process per run.
 */
const products = Number(process.env['BENCH_PRODUCTS'] ?? 10_000);
const root = mkdtempSync(join(tmpdir(), 'steward-check-bench-'));
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', ...args], {
    cwd: root,
    stdio: 'pipe',
  });
try {
  generateCatalog(root, products);
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'mesh');
  const schema = join(root, 'catalog/d5/d5s0/product-5005/schemas/value.avsc');
  const value = JSON.parse(readFileSync(schema, 'utf8')) as { fields: object[] };
  value.fields.push({ name: 'added', type: 'string', doc: 'A field without a default: a breaking change.' });
  writeFileSync(schema, JSON.stringify(value, null, 2));
  const script = join(import.meta.dirname, 'measure-check.mjs');
  const runs = [1, 2, 3].map(() => JSON.parse(execFileSync(process.execPath, [script, root], { encoding: 'utf8' })));
  for (const r of runs)
    console.log(
      `check on ${products} products, 1 changed schema: ${r.ms} ms wall (${r.cpuMs} ms CPU), peak RSS ${r.peakRssMb} MB, exit ${r.code}, findings ${r.findings.join(',')}, ${r.approvals} approvals`,
    );
  const best = runs.reduce((a, b) => (a.ms < b.ms ? a : b));
  console.log(`best of 3: ${best.ms} ms wall, ${best.cpuMs} ms CPU, ${best.peakRssMb} MB peak (target: < 3000 ms)`);
} finally {
  rmSync(root, { recursive: true, force: true });
}

/**
 * `steward validate` (the real command, built, as a user runs it) on a generated 10,000-product catalog (30,000
 * files: manifests, 20,000 schemas), against a parse floor measured in the same run: walk the folders, read every
 * file, js-yaml for YAML, JSON.parse for .avsc (bench/measure-floor.mjs). Goal: within 2× of the floor. Runs are
 * interleaved so that drift on a shared machine hits both alike; wall time, CPU time and peak memory of each.
 * Run after `npm run build`: node --import tsx bench/validate.ts [products] [runs]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCatalog } from './generate-catalog.js';

const products = Number(process.argv[2] ?? process.env['BENCH_PRODUCTS'] ?? 10_000);
const runs = Number(process.argv[3] ?? 3);
const root = mkdtempSync(join(tmpdir(), 'steward-bench-'));
const usageFile = join(root, 'usage.json');
const cli = join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'main.js');
const preload = join(import.meta.dirname, 'report-usage.mjs');

interface Run {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
}

function measure(args: string[]): Run {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', preload, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, BENCH_USAGE_FILE: usageFile },
  });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as Omit<Run, 'wallMs'>;
  return { wallMs, ...usage };
}

try {
  const catalog = join(root, 'catalog-root');
  generateCatalog(catalog, products);
  const floor: Run[] = [];
  const validate: Run[] = [];
  for (let i = 0; i < runs; i++) {
    floor.push(measure([join(import.meta.dirname, 'measure-floor.mjs'), catalog]));
    validate.push(measure([cli, 'validate', catalog]));
  }
  const median = (xs: Run[], key: keyof Run) => [...xs.map((x) => x[key])].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
  const line = (name: string, xs: Run[]) =>
    `  ${name.padEnd(10)} ${median(xs, 'wallMs').toFixed(0).padStart(6)} ms wall  ${median(xs, 'cpuMs').toFixed(0).padStart(6)} ms CPU  ${median(xs, 'peakRssMb').toFixed(0).padStart(5)} MB peak`;
  console.log(`validate on ${products} products, ${availableParallelism()} cores, median of ${runs} interleaved runs:`);
  console.log(line('floor', floor));
  console.log(line('validate', validate));
  const ratio = median(validate, 'wallMs') / median(floor, 'wallMs');
  const memory = median(validate, 'peakRssMb') / median(floor, 'peakRssMb');
  console.log(
    `  ratio: ${ratio.toFixed(2)}× the floor's wall time (goal ≤ 2×: ${ratio <= 2 ? 'met' : 'MISSED'}), ${memory.toFixed(1)}× its memory`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}

/**
 * `steward site` (the real command, built, as a user runs it) on the generated 10,000-product catalog, against
 * `steward validate` on the same catalog in the same run. Goal: the site's wall time and peak memory within 2× of
 * validate's. Runs are interleaved so that drift on a shared machine hits both alike (median of `runs`), each site
 * into a fresh folder, and after each a write floor: the site's files written again by a bare loop
 * (measure-write.mjs), since creating 30,000 files is kernel time that varies several-fold on a shared machine and
 * that validate, which writes nothing, never pays. Then the site's size: files, bytes, the largest page and file.
 * Run after `npm run build`: node --import tsx bench/site.ts [products] [runs]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCatalog } from './generate-catalog.js';

const products = Number(process.argv[2] ?? process.env['BENCH_PRODUCTS'] ?? 10_000);
const runs = Number(process.argv[3] ?? 3);
const root = mkdtempSync(join(tmpdir(), 'steward-bench-site-'));
const usageFile = join(root, 'usage.json');
const cli = join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'main.js');
const preload = join(import.meta.dirname, 'report-usage.mjs');

interface Run {
  wallMs: number;
  cpuMs: number;
  userMs: number;
  sysMs: number;
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

/** Every file under `dir` (the marker included: it is written too) with its size. */
function filesOf(dir: string, prefix = ''): { path: string; bytes: number }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = prefix + entry.name;
    return entry.isDirectory()
      ? filesOf(join(dir, entry.name), `${path}/`)
      : [{ path, bytes: statSync(join(dir, entry.name)).size }];
  });
}

const median = (xs: Run[], key: keyof Run) => [...xs.map((x) => x[key])].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
const largest = (files: { path: string; bytes: number }[]) =>
  files.reduce((a, b) => (b.bytes > a.bytes ? b : a), { path: '(none)', bytes: 0 });
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

try {
  const catalog = join(root, 'catalog-root');
  generateCatalog(catalog, products);
  const out = join(root, 'site');
  const copy = join(root, 'site-copy');
  const site: Run[] = [];
  const validate: Run[] = [];
  const floor: Omit<Run, 'cpuMs' | 'peakRssMb'>[] = [];
  const load = loadavg()[0] ?? NaN;
  for (let i = 0; i < runs; i++) {
    rmSync(out, { recursive: true, force: true });
    site.push(measure([cli, 'site', catalog, '--out', out]));
    validate.push(measure([cli, 'validate', catalog]));
    rmSync(copy, { recursive: true, force: true });
    const written = spawnSync(process.execPath, [join(import.meta.dirname, 'measure-write.mjs'), out, copy], {
      encoding: 'utf8',
    });
    if (written.status !== 0) throw new Error(`measure-write.mjs exited ${written.status}: ${written.stderr}`);
    floor.push(JSON.parse(written.stdout) as Omit<Run, 'cpuMs' | 'peakRssMb'>);
  }
  const files = filesOf(out);
  const pages = files.filter((f) => f.path.endsWith('.html'));
  const page = largest(pages);
  const file = largest(files);
  const line = (name: string, xs: Run[]) =>
    `  ${name.padEnd(10)} ${median(xs, 'wallMs').toFixed(0).padStart(6)} ms wall  ${median(xs, 'cpuMs').toFixed(0).padStart(6)} ms CPU (${median(xs, 'userMs').toFixed(0)} user, ${median(xs, 'sysMs').toFixed(0)} system)  ${median(xs, 'peakRssMb').toFixed(0).padStart(5)} MB peak`;
  console.log(
    `site on ${products} products, ${availableParallelism()} cores, load average ${load.toFixed(2)} → ${(loadavg()[0] ?? NaN).toFixed(2)}, median of ${runs} interleaved runs:`,
  );
  console.log(line('site', site));
  console.log(line('validate', validate));
  const floorMedian = (key: 'wallMs' | 'userMs' | 'sysMs') => median(floor as Run[], key).toFixed(0);
  console.log(
    `  (writing the site's files alone, same paths and bytes, no rendering: ${floorMedian('wallMs')} ms wall, ${floorMedian('userMs')} user, ${floorMedian('sysMs')} system)`,
  );
  const time = median(site, 'wallMs') / median(validate, 'wallMs');
  const memory = median(site, 'peakRssMb') / median(validate, 'peakRssMb');
  const verdict = (ratio: number) => (ratio <= 2 ? 'met' : 'MISSED');
  console.log(
    `  ratio: ${time.toFixed(2)}× validate's wall time (goal ≤ 2×: ${verdict(time)}), ${memory.toFixed(2)}× its peak memory (goal ≤ 2×: ${verdict(memory)})`,
  );
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  console.log(
    `  size: ${files.length} files, ${mb(total)}; ${pages.length} pages, ${mb(pages.reduce((s, f) => s + f.bytes, 0))}`,
  );
  console.log(`  largest page: ${page.path} (${page.bytes} bytes); largest file: ${file.path} (${file.bytes} bytes)`);
} finally {
  rmSync(root, { recursive: true, force: true });
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderAuditRecord } from '../src/audit/record.js';
import { loadCatalog } from '../src/catalog/load.js';
import { readDirectorySource } from '../src/cli/fs-source.js';
import { readCatalogHistory, type GitRunner } from '../src/cli/git/catalog-history.js';
import { readSchemaSnapshots } from '../src/cli/git/history.js';
import { runGit } from '../src/cli/git/run.js';
import { buildSite } from '../src/site/build.js';
import { generateCatalog } from './generate-catalog.js';

/**
 * The site's schema history on a generated mesh (default 10,000 products) in a git repository of `COMMITS` further
 * commits, each adding an optional field to the value schema of `PER_COMMIT` products and carrying an audit note:
 * the one-pass reader's wall time and git processes, the per-product reader (`readSchemaSnapshots`, as
 * `steward check` uses it) on a sample, extrapolated, and buildSite with and without the history.
 */
const products = Number(process.env['BENCH_PRODUCTS'] ?? 10_000);
const commits = Number(process.env['COMMITS'] ?? 20);
const perCommit = Number(process.env['PER_COMMIT'] ?? 100);
const root = mkdtempSync(join(tmpdir(), 'steward-site-history-bench-'));
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', ...args], {
    cwd: root,
    stdio: 'pipe',
  }).toString();

const ms = (start: bigint) => Number((process.hrtime.bigint() - start) / 1_000_000n);

try {
  generateCatalog(root, products);
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'mesh');
  for (let c = 0; c < commits; c++) {
    for (let k = 0; k < perCommit; k++) {
      const i = (c * perCommit + k * 97) % products;
      const path = join(
        root,
        `catalog/d${i % 10}/d${i % 10}s${Math.floor(i / 10) % 10}/product-${i}/schemas/value.avsc`,
      );
      const value = JSON.parse(readFileSync(path, 'utf8')) as { fields: object[] };
      value.fields.push({ name: `added${c}`, type: ['null', 'string'], default: null });
      writeFileSync(path, JSON.stringify(value, null, 2));
    }
    git('commit', '-q', '-am', `change ${c}`);
    const sha = git('rev-parse', 'HEAD').trim();
    const note = renderAuditRecord({
      pr: 100 + c,
      author: 'bench',
      mergeCommit: sha,
      changes: [],
      approvals: [],
      waivers: [],
      operations: [],
      subjects: [],
      topics: [],
    });
    git('notes', '--ref=steward', 'add', '-m', note, sha);
  }
  const { catalog } = loadCatalog(await readDirectorySource(root));
  const ids = [...catalog.products.keys()];

  let processes = 0;
  const counting: GitRunner = (repo, args, options) => {
    processes++;
    return runGit(repo, args, options);
  };
  let start = process.hrtime.bigint();
  const history = await readCatalogHistory(root, ids, counting);
  const oneMs = ms(start);
  const snapshots = history.kind === 'git' ? [...history.snapshots.values()].reduce((n, s) => n + s.length, 0) : 0;
  console.log(
    `one-pass reader: ${products} products, ${commits + 1} commits: ${oneMs} ms wall, ${processes} git processes, ${snapshots} snapshots`,
  );

  const sample = ids.slice(0, 100);
  start = process.hrtime.bigint();
  for (const id of sample) await readSchemaSnapshots(root, `catalog/${id}/`);
  const perMs = ms(start);
  console.log(
    `per-product reader: ${sample.length} products in ${perMs} ms; ${products} would take about ${Math.round((perMs * products) / sample.length)} ms`,
  );

  start = process.hrtime.bigint();
  const without = buildSite(catalog, { history: { kind: 'unavailable', reason: 'bench' } });
  const withoutMs = ms(start);
  start = process.hrtime.bigint();
  const withHistory = buildSite(catalog, { history });
  const withMs = ms(start);
  const size = (files: Map<string, string>) => [...files.values()].reduce((n, t) => n + Buffer.byteLength(t), 0);
  console.log(
    `buildSite: ${withoutMs} ms without history (${(size(without) / 1e6).toFixed(1)} MB), ${withMs} ms with it (${(size(withHistory) / 1e6).toFixed(1)} MB)`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderAuditRecord } from '../../../src/audit/record.js';
import { loadCatalog } from '../../../src/catalog/load.js';
import { readDirectorySource } from '../../../src/cli/fs-source.js';
import { parseRawLog, readCatalogHistory, type GitRunner } from '../../../src/cli/git/catalog-history.js';
import { runGit } from '../../../src/cli/git/run.js';
import { schemaVersionRows } from '../../../src/site/schema-history.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function git(dir: string, date: string, ...args: string[]): string {
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  return execFileSync('git', ['-c', 'user.name=Ada Lovelace', '-c', 'user.email=ada@example.com', ...args], {
    cwd: dir,
    env,
    encoding: 'utf8',
  }).trim();
}

function write(dir: string, files: Record<string, string | object>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
}

const domain = {
  apiVersion: 'mesh-steward/v1',
  kind: 'Domain',
  name: 'commerce',
  description: 'Commerce.',
  owners: ['@acme/leads'],
};
const product = (name: string) => ({
  apiVersion: 'mesh-steward/v1',
  kind: 'DataProduct',
  name,
  description: `The ${name} product.`,
  status: 'active',
  classification: 'internal',
  owners: { accountable: ['@acme/owners'] },
  outputPorts: [
    { name: `${name}-v1`, topic: `commerce.${name}.v1`, value: { schema: 'schemas/value.avsc' }, writer: 'User:svc' },
  ],
});
const order = (fields: object[]) => ({ type: 'record', name: 'Order', namespace: 'com.acme', fields });
const id = { name: 'id', type: 'string' };

/** A repository whose orders schema has three versions: the first, a compatible addition, then a breaking one. */
function ordersRepo(products = 1): { dir: string; commits: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'steward-history-'));
  made.push(dir);
  git(dir, '2026-01-01T10:00:00Z', 'init', '-q', '-b', 'main');
  const others = Object.fromEntries(
    Array.from({ length: products - 1 }, (_, i) => [
      [`catalog/commerce/p${i}/product.yaml`, product(`p${i}`)],
      [`catalog/commerce/p${i}/schemas/value.avsc`, order([id])],
    ]).flat(),
  );
  const steps: [string, object][] = [
    ['2026-01-02T09:00:00Z', order([id])],
    ['2026-02-03T09:00:00Z', order([id, { name: 'note', type: ['null', 'string'], default: null }])],
    [
      '2026-03-04T09:00:00Z',
      order([id, { name: 'note', type: ['null', 'string'], default: null }, { name: 'total', type: 'long' }]),
    ],
  ];
  const commits = steps.map(([date, schema], i) => {
    write(dir, {
      ...(i === 0
        ? {
            'catalog/commerce/domain.yaml': domain,
            'catalog/commerce/orders/product.yaml': product('orders'),
            ...others,
          }
        : {}),
      'catalog/commerce/orders/schemas/value.avsc': schema,
    });
    git(dir, date, 'add', '-A');
    git(dir, date, 'commit', '-q', '-m', `step ${i + 1}`);
    return git(dir, date, 'rev-parse', 'HEAD');
  });
  const record = renderAuditRecord({
    pr: 42,
    url: 'https://github.com/acme/mesh/pull/42',
    author: 'ada',
    mergeCommit: commits[1] as string,
    changes: [],
    approvals: [],
    waivers: [],
    operations: [],
    subjects: [{ subject: 'commerce.orders.v1-value', version: 2, id: 100_007 }],
    topics: [],
  });
  git(dir, '2026-02-03T10:00:00Z', 'notes', '--ref=steward', 'add', '-m', record, commits[1] as string);
  return { dir, commits };
}

async function rowsOf(dir: string) {
  const { catalog } = loadCatalog(await readDirectorySource(dir));
  const history = await readCatalogHistory(dir, catalog.products.keys());
  if (history.kind !== 'git') throw new Error(history.reason);
  const orders = catalog.products.get('commerce/orders')!;
  return schemaVersionRows(
    history,
    orders,
    'catalog/commerce/orders/schemas/value.avsc',
    'commerce.orders.v1-value',
    'BACKWARD',
  );
}

describe('readCatalogHistory', () => {
  it('gives each version its commit, date, author, PR and registry id, a field diff and our verdict', async () => {
    const { dir, commits } = ordersRepo();
    const rows = await rowsOf(dir);
    expect(
      rows.map((r) => [r.version, r.commit?.commit, r.commit?.date, r.commit?.author, r.pr?.number, r.registry]),
    ).toEqual([
      [1, commits[0], '2026-01-02T09:00:00+00:00', 'Ada Lovelace', undefined, undefined],
      [2, commits[1], '2026-02-03T09:00:00+00:00', 'Ada Lovelace', 42, { version: 2, id: 100_007 }],
      [3, commits[2], '2026-03-04T09:00:00+00:00', 'Ada Lovelace', undefined, undefined],
    ]);
    expect(rows[0]?.verdict).toBeUndefined();
    expect(rows[1]?.diff).toEqual({
      added: [{ path: 'note', type: 'union[null, string]', default: 'null' }],
      removed: [],
      changed: [],
    });
    expect(rows[1]?.verdict?.status).toBe('compatible');
    expect(rows[2]?.diff?.added).toEqual([{ path: 'total', type: 'long' }]);
    expect(rows[2]?.verdict).toMatchObject({ status: 'incompatible', level: 'BACKWARD' });
    expect(rows[2]?.verdict?.messages.map((m) => m.text).join(' ')).toMatch(/total/);
  });

  it('adds the working tree as the last version when it differs from the last commit', async () => {
    const { dir } = ordersRepo();
    write(dir, { 'catalog/commerce/orders/schemas/value.avsc': order([id]) });
    const rows = await rowsOf(dir);
    expect(rows).toHaveLength(4);
    expect(rows[3]).toMatchObject({ version: 4, diff: { removed: [{ path: 'note' }, { path: 'total' }] } });
    expect(rows[3]?.commit).toBeUndefined();
  });

  it('counts a merged pull request as one version, on the merge commit that carries its audit note', async () => {
    const { dir, commits } = ordersRepo();
    git(dir, '2026-04-01T09:00:00Z', 'checkout', '-q', '-b', 'feature');
    write(dir, { 'catalog/commerce/orders/schemas/value.avsc': order([id]) });
    git(dir, '2026-04-01T09:00:00Z', 'commit', '-q', '-am', 'drop fields');
    write(dir, { 'catalog/commerce/orders/schemas/value.avsc': order([id, { name: 'n', type: 'int', default: 0 }]) });
    git(dir, '2026-04-02T09:00:00Z', 'commit', '-q', '-am', 'add n');
    git(dir, '2026-04-03T09:00:00Z', 'checkout', '-q', 'main');
    git(dir, '2026-04-03T09:00:00Z', 'merge', '-q', '--no-ff', '-m', 'Merge pull request #43', 'feature');
    const merge = git(dir, '2026-04-03T09:00:00Z', 'rev-parse', 'HEAD');
    const record = renderAuditRecord({
      pr: 43,
      author: 'ada',
      mergeCommit: merge,
      changes: [],
      approvals: [],
      waivers: [],
      operations: [],
      subjects: [{ subject: 'commerce.orders.v1-value', version: 3, id: 100_011 }],
      topics: [],
    });
    git(dir, '2026-04-03T10:00:00Z', 'notes', '--ref=steward', 'add', '-m', record, merge);
    const rows = await rowsOf(dir);
    expect(rows.map((r) => r.commit?.commit)).toEqual([...commits, merge]);
    expect(rows[3]).toMatchObject({ pr: { number: 43 }, registry: { version: 3, id: 100_011 } });
    expect(rows[3]?.diff?.added).toEqual([{ path: 'n', type: 'int', default: '0' }]);
  });

  it('follows a schema file back past a rename in its product folder', async () => {
    const { dir, commits } = ordersRepo();
    git(
      dir,
      '2026-05-01T09:00:00Z',
      'mv',
      'catalog/commerce/orders/schemas/value.avsc',
      'catalog/commerce/orders/schemas/order.avsc',
    );
    const manifest = { ...product('orders') };
    manifest.outputPorts[0]!.value.schema = 'schemas/order.avsc';
    write(dir, { 'catalog/commerce/orders/product.yaml': manifest });
    git(dir, '2026-05-01T09:00:00Z', 'commit', '-q', '-am', 'rename');
    const { catalog } = loadCatalog(await readDirectorySource(dir));
    const history = await readCatalogHistory(dir, catalog.products.keys());
    if (history.kind !== 'git') throw new Error(history.reason);
    const orders = catalog.products.get('commerce/orders')!;
    const rows = schemaVersionRows(
      history,
      orders,
      'catalog/commerce/orders/schemas/order.avsc',
      'commerce.orders.v1-value',
      'BACKWARD',
    );
    const rename = git(dir, '2026-05-01T09:00:00Z', 'rev-parse', 'HEAD');
    // The versions before the rename stay the subject's; the rename itself is a version with no field changed.
    expect(rows.map((r) => r.commit?.commit)).toEqual([...commits, rename]);
    expect(rows[3]).toMatchObject({ diff: { added: [], removed: [], changed: [] }, verdict: { status: 'compatible' } });
  });

  it('runs the same few git processes for 2 products as for 40', async () => {
    const counts: number[] = [];
    for (const products of [2, 40]) {
      const { dir } = ordersRepo(products);
      const calls: string[] = [];
      const counting: GitRunner = (repo, args, options) => {
        calls.push(args[0] ?? '');
        return runGit(repo, args, options);
      };
      const { catalog } = loadCatalog(await readDirectorySource(dir));
      const history = await readCatalogHistory(dir, catalog.products.keys(), counting);
      expect(history.kind === 'git' && history.snapshots.size).toBe(products);
      expect(calls).toEqual(['rev-parse', 'log', 'notes', 'cat-file']);
      counts.push(calls.length);
    }
    expect(counts[0]).toBe(counts[1]);
  });

  it('says so for a folder that is not a git repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-nogit-'));
    made.push(dir);
    expect(await readCatalogHistory(dir, [])).toEqual({
      kind: 'unavailable',
      reason: `${dir} is not a git repository`,
    });
  });
});

describe('parseRawLog', () => {
  it('reads commits, renames and deletions from NUL-separated output', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const z = '0'.repeat(40);
    const log = [
      '',
      `${a}\u001fAda\u001f2026-01-02T09:00:00Z`,
      `\n:100644 100644 ${b} ${b} R100`,
      'catalog/d/p/old.avsc',
      'catalog/d/p/new name.avsc',
      `:100644 000000 ${b} ${z} D`,
      'catalog/d/p/gone.avsc',
      '',
      `${b}\u001fBo\u001f2026-01-01T09:00:00Z`,
      `\n:000000 120000 ${z} ${a} A`,
      'catalog/d/p/link.avsc',
      '',
    ].join('\0');
    expect(parseRawLog(log)).toEqual([
      {
        commit: a,
        author: 'Ada',
        date: '2026-01-02T09:00:00Z',
        changes: [
          { status: 'R', oid: b, regular: true, path: 'catalog/d/p/new name.avsc', from: 'catalog/d/p/old.avsc' },
          { status: 'D', oid: z, regular: false, path: 'catalog/d/p/gone.avsc' },
        ],
      },
      {
        commit: b,
        author: 'Bo',
        date: '2026-01-01T09:00:00Z',
        changes: [{ status: 'A', oid: a, regular: false, path: 'catalog/d/p/link.avsc' }],
      },
    ]);
  });
});

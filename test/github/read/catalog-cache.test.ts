import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { SourceEntry } from '../../../src/core/source.js';
import { CatalogCache, evaluateCatalogs } from '../../../src/github/read/catalog-cache.js';
import type { PullRequestRef } from '../../../src/github/types.js';
import { API, mockCatalogReads, tarball } from '../helpers/github.js';
import { useStrictNock } from '../helpers/nock.js';
import { BASE, HEAD, OWNER, REPO } from '../helpers/payloads.js';
import { baseTree, breakOrders, edit, ORDER_SCHEMA } from '../helpers/trees.js';
import { testOctokit } from '../helpers/flow.js';

useStrictNock();

const gh = testOctokit();
const repo = { owner: OWNER, repo: REPO };
const gzip = { 'content-type': 'application/x-gzip' };
const SHIPMENT = 'catalog/logistics/shipments/schemas/shipment.avsc';
const pr: PullRequestRef = {
  ...repo,
  number: 1,
  baseSha: BASE,
  baseRef: 'main',
  defaultBranch: 'main',
  headSha: HEAD,
  author: 'alice',
  fork: false,
  draft: false,
  requestedUsers: [],
  requestedTeams: [],
};

async function mockTarball(sha: string, tree: ReadonlyMap<string, SourceEntry>, times = 1): Promise<void> {
  nock(API)
    .get(`/repos/${OWNER}/${REPO}/tarball/${sha}`)
    .times(times)
    .reply(200, await tarball(tree), gzip);
}

describe('CatalogCache.tree', () => {
  it('downloads a commit once for concurrent and later reads', async () => {
    const tree = await baseTree();
    await mockTarball(BASE, tree);
    const cache = new CatalogCache();
    const [a, b] = await Promise.all([cache.tree(gh, repo, BASE), cache.tree(gh, repo, BASE)]);
    expect(a).toBe(b);
    expect(await cache.tree(gh, repo, BASE)).toBe(a);
    expect([...a.keys()].sort()).toEqual([...tree.keys()].sort());
  });

  it('forgets a failed download, so the next read tries again', async () => {
    nock(API).get(`/repos/${OWNER}/${REPO}/tarball/${BASE}`).reply(500, { message: 'boom' });
    const cache = new CatalogCache();
    await expect(cache.tree(gh, repo, BASE)).rejects.toThrow(/Could not download the tarball/);
    await mockTarball(BASE, await baseTree());
    expect((await cache.tree(gh, repo, BASE)).has(ORDER_SCHEMA)).toBe(true);
  });

  it('keeps the most recently used trees within its bound', async () => {
    const tree = await baseTree();
    const [A, B, C] = ['1', '2', '3'].map((c) => c.repeat(40)) as [string, string, string];
    await mockTarball(A, tree);
    await mockTarball(B, tree, 2);
    await mockTarball(C, tree);
    const cache = new CatalogCache({ trees: 2 });
    await cache.tree(gh, repo, A);
    await cache.tree(gh, repo, B);
    await cache.tree(gh, repo, A); // A is the most recent again: C evicts B
    await cache.tree(gh, repo, C);
    await cache.tree(gh, repo, A);
    await cache.tree(gh, repo, B); // downloaded again
  });

  it('gives unchanged files of another commit the very entry objects already seen, changed ones their own', async () => {
    const base = await baseTree();
    const head = breakOrders(base);
    await mockTarball(BASE, base);
    await mockTarball(HEAD, head);
    const cache = new CatalogCache();
    const first = await cache.tree(gh, repo, BASE);
    const second = await cache.tree(gh, repo, HEAD);
    expect(second.get(SHIPMENT)).toBe(first.get(SHIPMENT));
    expect(second.get(ORDER_SCHEMA)).not.toBe(first.get(ORDER_SCHEMA));
    // Another repository has its own memory.
    nock(API)
      .get(`/repos/${OWNER}/other/tarball/${BASE}`)
      .reply(200, await tarball(base), gzip);
    const other = await cache.tree(gh, { owner: OWNER, repo: 'other' }, BASE);
    expect(other.get(SHIPMENT)).not.toBe(first.get(SHIPMENT));
    expect(other.get(SHIPMENT)).toEqual(first.get(SHIPMENT));
  });
});

describe('CatalogCache.snapshot', () => {
  it('loads both catalogs, parsing the schemas of touched products only, and names the touched ones', async () => {
    // A broken schema in an untouched product is not parsed, so it raises nothing; the touched one is judged.
    const base = edit(await baseTree(), SHIPMENT, () => '{ not json');
    const head = breakOrders(base);
    await mockCatalogReads(base, head);
    const snap = await new CatalogCache().snapshot(gh, pr);
    expect(snap.touched).toEqual(new Set(['commerce/orders']));
    expect(snap.head.findings.filter((f) => f.location.path === SHIPMENT)).toEqual([]);
    expect(snap.head.catalog.products.has('logistics/shipments')).toBe(true);
    // The untouched product's entries are the same objects on both sides: one load serves both.
    expect(snap.head.catalog.products.get('logistics/shipments')).toBe(
      snap.base.catalog.products.get('logistics/shipments'),
    );
    expect(snap.head.catalog.products.get('commerce/orders')).not.toBe(
      snap.base.catalog.products.get('commerce/orders'),
    );
    expect([...snap.history.keys()]).toEqual(['commerce/orders']);
  });

  it('reads the same commits once, also concurrently, and uses a merge base tree it already has', async () => {
    const base = await baseTree();
    const head = breakOrders(base);
    await mockTarball(BASE, base);
    const cache = new CatalogCache();
    await cache.tree(gh, repo, BASE);
    await mockCatalogReads(base, head, HEAD, true);
    const [a, b] = await Promise.all([cache.snapshot(gh, pr), cache.snapshot(gh, pr)]);
    expect(a).toBe(b);
    expect(await cache.snapshot(gh, pr)).toBe(a);
  });

  it('forgets a failed read, so a re-run reads again', async () => {
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/compare/${BASE}...${HEAD}`)
      .query(true)
      .reply(503, { message: 'unavailable' });
    const cache = new CatalogCache();
    await expect(cache.snapshot(gh, pr)).rejects.toThrow(/unavailable/);
    const base = await baseTree();
    await mockCatalogReads(base, breakOrders(base));
    expect((await cache.snapshot(gh, pr)).touched.size).toBe(1);
  });
});

describe('evaluateCatalogs', () => {
  it('evaluates a snapshot once per day', async () => {
    const base = await baseTree();
    await mockCatalogReads(base, breakOrders(base));
    const snap = await new CatalogCache().snapshot(gh, pr);
    const first = evaluateCatalogs(snap, '2026-11-22');
    expect(first.blocking).toBe(true);
    expect(evaluateCatalogs(snap, '2026-11-22')).toBe(first);
    const next = evaluateCatalogs(snap, '2026-11-23');
    expect(next).not.toBe(first);
    expect(next).toEqual(first);
    expect(evaluateCatalogs(snap, '2026-11-23')).toBe(next);
  });
});

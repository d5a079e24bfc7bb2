import { Probot, ProbotOctokit } from 'probot';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadCatalog } from '../../../src/catalog/load.js';
import type { AppState } from '../../../src/github/flows/pull-request.js';
import { registerMergeGroup } from '../../../src/github/handlers/merge-group.js';
import type { CatalogSnapshot } from '../../../src/github/read/catalog-cache.js';
import { useStrictNock } from '../helpers/nock.js';
import { BASE, HEAD, mergeGroupEvent, OWNER, REPO } from '../helpers/payloads.js';
import { baseTree, breakOrders, extendOrders } from '../helpers/trees.js';

const { ensureCheckRuns } = vi.hoisted(() => ({
  ensureCheckRuns: vi.fn((..._args: unknown[]) => Promise.resolve()),
}));
vi.mock('../../../src/github/publish/ensure.js', () => ({ ensureCheckRuns }));

useStrictNock();

const approvals = {
  name: 'Mesh Steward / approvals',
  conclusion: 'success',
  title: 'Approved before queueing',
  summary: 'Each pull request in this merge group met its approvals before it entered the queue.',
  annotations: [],
};

async function snapshotOf(change: typeof breakOrders): Promise<CatalogSnapshot> {
  const base = await baseTree();
  return {
    base: loadCatalog(base),
    head: loadCatalog(change(base)),
    history: new Map(),
    touched: new Set(['commerce/orders']),
  };
}

async function receive(snapshot: () => Promise<CatalogSnapshot>, payload = mergeGroupEvent()) {
  const cache = { snapshot: vi.fn((..._args: unknown[]) => snapshot()) };
  const state = { cache, today: () => '2026-11-22' } as unknown as AppState;
  const probot = new Probot({ githubToken: 't', logLevel: 'fatal', Octokit: ProbotOctokit });
  await probot.load((app: Probot) => registerMergeGroup(app, state));
  const received = probot.receive({ id: '1', name: 'merge_group', payload: payload as never });
  return { cache, received };
}

beforeEach(() => ensureCheckRuns.mockClear());

describe('registerMergeGroup', () => {
  it("judges the queue's candidate against its base, as a pull request without author or reviews", async () => {
    const { cache, received } = await receive(() => snapshotOf(extendOrders));
    await received;
    const ref = {
      owner: OWNER,
      repo: REPO,
      number: 0,
      baseSha: BASE,
      baseRef: 'main',
      defaultBranch: 'main',
      headSha: HEAD,
      author: '',
      fork: false,
      draft: false,
      requestedUsers: [],
      requestedTeams: [],
    };
    expect(cache.snapshot).toHaveBeenCalledWith(expect.anything(), ref);
    const [, on, runs] = ensureCheckRuns.mock.calls[0] as unknown as [unknown, unknown, Record<string, unknown>[]];
    expect(on).toEqual(ref);
    expect(runs.map((r) => [r['name'], r['conclusion']])).toEqual([
      ['Mesh Steward / checks', 'success'],
      ['Mesh Steward / approvals', 'success'],
    ]);
    expect(runs[1]).toEqual(approvals);
  });

  it('fails the checks of a breaking candidate, and passes approvals all the same', async () => {
    const { received } = await receive(() => snapshotOf(breakOrders));
    await received;
    const runs = ensureCheckRuns.mock.calls[0]?.[2] as Record<string, unknown>[];
    expect(runs.map((r) => r['conclusion'])).toEqual(['failure', 'success']);
    expect(runs[0]?.['title']).toMatch(/^\d+ errors?, /);
  });

  it('fails the checks with what happened when the catalogs cannot be read, and rethrows', async () => {
    const { received } = await receive(() => Promise.reject(new Error('tarball unavailable')));
    await expect(received).rejects.toThrow(/tarball unavailable/);
    const runs = ensureCheckRuns.mock.calls[0]?.[2] as Record<string, unknown>[];
    expect(runs[0]).toMatchObject({
      name: 'Mesh Steward / checks',
      conclusion: 'failure',
      title: 'Mesh Steward could not evaluate this pull request',
    });
    expect(String(runs[0]?.['summary'])).toContain('Error: tarball unavailable');
    expect(runs[1]).toEqual(approvals);
  });

  it("takes a bare base ref as it is, and the repository's default branch", async () => {
    const payload = mergeGroupEvent();
    payload['merge_group'].base_ref = 'trunk';
    payload['repository'].default_branch = 'develop';
    const { cache, received } = await receive(() => snapshotOf(extendOrders), payload);
    await received;
    expect(cache.snapshot.mock.calls[0]?.[1]).toMatchObject({ baseRef: 'trunk', defaultBranch: 'develop' });
  });
});

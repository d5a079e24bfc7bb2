import nock from 'nock';
import { describe, expect, it, vi } from 'vitest';
import * as load from '../../src/catalog/load.js';
import type { SourceTree } from '../../src/core/source.js';
import { CatalogCache } from '../../src/github/read/catalog-cache.js';
import type { GitHub } from '../../src/github/types.js';
import { API, mockCatalogReads, mockPullRequestLists, mockTeam, testProbot } from './helpers/github.js';
import {
  fakeTarget,
  MERGE,
  mockApplyComment,
  mockApplyRun,
  mockMergedCommit,
  mockNotes,
  mockSettings,
  noMergeWrites,
} from './helpers/merge.js';
import { useStrictNock } from './helpers/nock.js';
import { checkRunEvent, comment, HEAD, OWNER, pushEvent, REPO } from './helpers/payloads.js';
import { baseTree, breakOrders } from './helpers/trees.js';

vi.mock('../../src/catalog/load.js', async (original) => {
  const actual = await original<typeof import('../../src/catalog/load.js')>();
  return { ...actual, loadCatalog: vi.fn(actual.loadCatalog) };
});

useStrictNock();

const approval = {
  id: 1,
  user: { login: 'olivia' },
  state: 'APPROVED',
  commit_id: HEAD,
  submitted_at: '2026-11-22T10:30:00Z',
};

/** The GitHub side of one apply of MERGE: its pull request, reviews and comments, teams and the audit note. */
function mockMergeReads(writes: ReturnType<typeof noMergeWrites>, comments: object[], notes: Map<string, string>) {
  mockApplyRun(writes);
  mockPullRequestLists([approval], comments);
  for (const [team, members] of [
    ['@acme/orders', ['olivia']],
    ['@acme/finance-data', []],
    ['@acme/shipping', []],
  ] as const)
    mockTeam(team, [...members]);
  mockNotes(writes, notes, notes.size === 0);
}

describe('apply on merge', () => {
  it('loads the merged catalog once, also across a re-run, and reads the settings once per event, validated', async () => {
    const loads = vi.mocked(load.loadCatalog);
    const base = await baseTree();
    const head = breakOrders(base);
    const cache = new CatalogCache();
    const { target } = fakeTarget();
    const probot = await testProbot(cache, undefined, target, () => '2026-11-22T12:00:00.000Z');
    const settingsLoads = () => loads.mock.calls.filter(([tree]) => tree.size === 1 && tree.has('.github/steward.yml'));

    const first = noMergeWrites();
    mockSettings(base);
    await mockMergedCommit(head);
    await mockCatalogReads(base, head);
    mockMergeReads(first, [], new Map());
    mockApplyComment(first);
    loads.mockClear();
    await probot.receive({ id: '1', name: 'push', payload: pushEvent(MERGE) as never });
    expect(first.checkRunUpdates[0]).toMatchObject({ conclusion: 'success' });
    expect(settingsLoads()).toHaveLength(1);

    // The re-run of the apply check on the same commit: its tree and the pull request's catalogs are cached.
    const again = noMergeWrites();
    mockSettings(base);
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/git/ref/heads%2Fmain`)
      .reply(200, { object: { sha: MERGE } });
    await mockMergedCommit(head, undefined, true);
    const ours = comment(11, String(first.comments[0]?.['body']), 'mesh-steward[bot]', false, 'Bot');
    mockMergeReads(again, [ours], new Map([[MERGE, String(first.blobs[0]?.['content'])]]));
    mockApplyComment(again, 11);
    const event = checkRunEvent('Mesh Steward / apply', []);
    event['check_run'].head_sha = MERGE;
    event['repository'].default_branch = 'main';
    await probot.receive({ id: '2', name: 'check_run', payload: event as never });
    expect(again.checkRunUpdates[0]).toMatchObject({ output: { title: 'In sync: nothing to apply' } });
    expect(settingsLoads()).toHaveLength(2);

    const merged: SourceTree = await cache.tree({} as GitHub, { owner: OWNER, repo: REPO }, MERGE);
    expect(loads.mock.calls.filter(([tree]) => tree === merged)).toHaveLength(1);
  });
});

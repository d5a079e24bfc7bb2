import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { CatalogCache } from '../../src/github/read/catalog-cache.js';
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
import { BASE, checkRunEvent, checkSuiteEvent, comment, HEAD, OWNER, pushEvent, REPO } from './helpers/payloads.js';
import { baseTree, breakOrders, edit, ORDERS } from './helpers/trees.js';

useStrictNock();

const approval = {
  id: 1,
  user: { login: 'olivia' },
  state: 'APPROVED',
  commit_id: HEAD,
  submitted_at: '2026-11-22T10:30:00Z',
};
const waiver = comment(7, '/steward accept-breaking No consumer reads channel yet', 'olivia');

/** A merged pull request that breaks Order under a waiver, approved by the Accountable team's olivia. */
async function mergeScenario(options: { applies?: boolean; notes?: Map<string, string> } = {}) {
  const base = await baseTree();
  const head = breakOrders(base);
  const writes = noMergeWrites();
  mockSettings(base);
  if (options.applies !== false) mockApplyRun(writes);
  await mockMergedCommit(head);
  await mockCatalogReads(base, head);
  mockPullRequestLists([approval], [waiver]);
  mockTeam('@acme/orders', ['olivia']);
  mockTeam('@acme/finance-data', ['fiona']);
  mockTeam('@acme/shipping', []);
  mockNotes(writes, options.notes ?? new Map());
  return { base, head, writes };
}

function noteOf(writes: ReturnType<typeof noMergeWrites>): string {
  return String(writes.blobs[0]?.['content'] ?? '');
}

describe('push to the applying branch', () => {
  it('applies the merged catalog, reports the apply run and a PR comment, and writes the audit note', async () => {
    const { writes } = await mergeScenario();
    mockApplyComment(writes);
    const { target, cluster } = fakeTarget();
    const probot = await testProbot(new CatalogCache(), undefined, target, () => '2026-11-22T12:00:00.000Z');
    await probot.receive({ id: '1', name: 'push', payload: pushEvent(MERGE) as never });

    // The cluster now holds the catalog: both topics, their subjects, the writers' and readers' ACLs.
    expect([...cluster.kafka.topics.keys()].sort()).toEqual(['commerce.orders.v1', 'logistics.shipments.v1']);
    expect(cluster.registry.subjects.get('commerce.orders.v1-value')?.length).toBe(1);
    expect(writes.checkRunCreates).toEqual([
      expect.objectContaining({ name: 'Mesh Steward / apply', head_sha: MERGE, status: 'in_progress' }),
    ]);
    expect(writes.checkRunUpdates[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(writes.checkRunUpdates[0]?.['output'].title).toMatch(/^Applied: \d+ succeeded, 0 failed/);
    expect(writes.checkRunUpdates[0]?.['output'].summary).toContain('+ create topic commerce.orders.v1');
    expect(writes.comments[0]?.['body']).toMatch(/^<!-- mesh-steward:apply -->\n## Mesh Steward — apply\n\n✅ Applied/);

    // The record, exactly: the PR, who approved what on which commit, the waiver, the apply and what it produced.
    expect(noteOf(writes)).toBe(
      [
        'mesh-steward-audit: 1',
        'pr: 1',
        `url: https://github.com/${OWNER}/${REPO}/pull/1`,
        'title: Add channel to orders',
        'author: alice',
        'merged-by: bob',
        'merged-at: 2026-11-22T11:59:00Z',
        `merge-commit: ${MERGE}`,
        `base-commit: ${BASE}`,
        `head-commit: ${HEAD}`,
        'change: commerce/orders#orders-v1: value schema catalog/commerce/orders/schemas/order.avsc changed (checked under BACKWARD).',
        `approval: owner:commerce/orders by olivia at 2026-11-22T10:30:00Z on ${HEAD}`,
        'waiver: BREAKING_CHANGE_NEEDS_MAJOR commerce/orders by olivia at 2026-11-22T10:00:00Z: No consumer reads channel yet',
        'apply: succeeded at 2026-11-22T12:00:00.000Z on 127.0.0.1:9092 http://registry',
        'op: ok create-acl acl:group:logistics-shipments:User:svc-shipping:READ',
        'op: ok create-acl acl:topic:commerce.orders.v1:User:svc-orders:DESCRIBE',
        'op: ok create-acl acl:topic:commerce.orders.v1:User:svc-orders:WRITE',
        'op: ok create-acl acl:topic:commerce.orders.v1:User:svc-shipping:READ',
        'op: ok create-acl acl:topic:logistics.shipments.v1:User:svc-shipping:DESCRIBE',
        'op: ok create-acl acl:topic:logistics.shipments.v1:User:svc-shipping:WRITE',
        'op: ok create-topic topic:commerce.orders.v1',
        'op: ok create-topic topic:logistics.shipments.v1',
        'op: ok register-schema subject:commerce.orders.v1-key: Registered (schema id 1).',
        'op: ok register-schema subject:commerce.orders.v1-value: Registered (schema id 2).',
        'op: ok register-schema subject:logistics.shipments.v1-value: Registered (schema id 3).',
        'subject: commerce.orders.v1-key version=1 id=1',
        'subject: commerce.orders.v1-value version=1 id=2',
        'subject: logistics.shipments.v1-value version=1 id=3',
        'topic: commerce.orders.v1',
        'topic: logistics.shipments.v1',
        '',
      ].join('\n'),
    );
    // Written under refs/notes/steward as a new notes commit, never on a branch.
    expect(writes.trees[0]?.['tree']).toEqual([{ path: MERGE, mode: '100644', type: 'blob', sha: 'blob-new' }]);
    expect(writes.refCreates).toEqual([{ ref: 'refs/notes/steward', sha: 'notes-2' }]);
  });

  it('a re-run on the same commit applies nothing and leaves the note as it is', async () => {
    const first = await mergeScenario();
    mockApplyComment(first.writes);
    const { target, cluster } = fakeTarget();
    const probot = await testProbot(new CatalogCache(), undefined, target, () => '2026-11-22T12:00:00.000Z');
    await probot.receive({ id: '1', name: 'push', payload: pushEvent(MERGE) as never });
    const note = noteOf(first.writes);
    nock.cleanAll();

    // Re-run from the check: the commit is still the branch tip, so it is applied again, converging to a no-op.
    const again = noMergeWrites();
    const base = first.base;
    mockSettings(base);
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/git/ref/heads%2Fmain`)
      .reply(200, { object: { sha: MERGE } });
    mockApplyRun(again);
    // The merged tree is cached from the first run: no second download.
    await mockMergedCommit(first.head, undefined, true);
    mockPullRequestLists(
      [approval],
      [waiver, { ...comment(11, first.writes.comments[0]?.['body'] as string, 'mesh-steward[bot]', false, 'Bot') }],
    );
    mockTeam('@acme/orders', ['olivia']);
    mockTeam('@acme/finance-data', ['fiona']);
    mockTeam('@acme/shipping', []);
    mockNotes(again, new Map([[MERGE, note]]), false);
    mockApplyComment(again, 11);
    const event = checkRunEvent('Mesh Steward / apply', []);
    event['check_run'].head_sha = MERGE;
    event['repository'].default_branch = 'main';
    const before = cluster.registry.subjects.get('commerce.orders.v1-value')?.length;
    await probot.receive({ id: '2', name: 'check_run', payload: event as never });

    expect(cluster.registry.subjects.get('commerce.orders.v1-value')?.length).toBe(before);
    expect(again.checkRunUpdates[0]).toMatchObject({
      conclusion: 'success',
      output: { title: 'In sync: nothing to apply' },
    });
    // The record merges: same text, so no blob, tree, commit or ref update.
    expect(again.blobs).toEqual([]);
    expect(again.refUpdates).toEqual([]);
  });
});

describe('the audit note', () => {
  it('is added to the notes of earlier merges with a fast-forward-only update of refs/notes/steward', async () => {
    const { writes } = await mergeScenario({ notes: new Map([['e'.repeat(40), 'mesh-steward-audit: 1\npr: 0\n']]) });
    mockApplyComment(writes);
    const { target } = fakeTarget();
    const probot = await testProbot(new CatalogCache(), undefined, target);
    await probot.receive({ id: '1', name: 'push', payload: pushEvent(MERGE) as never });
    expect(writes.trees[0]).toMatchObject({ base_tree: 'tree-1' });
    expect(writes.commits[0]).toMatchObject({ parents: ['notes-1'], tree: 'tree-2' });
    expect(writes.refUpdates).toEqual([{ sha: 'notes-2', force: false }]);
    expect(writes.refCreates).toEqual([]);
  });
});

describe('pushes that do not apply', () => {
  it('a push to another branch reads the settings once and does nothing else', async () => {
    mockSettings(await baseTree());
    const { target, cluster } = fakeTarget();
    const probot = await testProbot(new CatalogCache(), undefined, target);
    await probot.receive({ id: '1', name: 'push', payload: pushEvent(MERGE, 'feature/x') as never });
    expect(cluster.connects).toBe(0);
  });

  it('a push that names its own branch as the applying one in its settings still does not apply', async () => {
    // The pushed branch's settings are never read: the default branch's say `main`.
    mockSettings(await baseTree());
    const { target, cluster } = fakeTarget();
    const probot = await testProbot(new CatalogCache(), undefined, target);
    await probot.receive({ id: '1', name: 'push', payload: pushEvent(MERGE, 'release') as never });
    expect(cluster.connects).toBe(0);
  });

  it('another repository than the apply target gets its audit note but never touches the cluster', async () => {
    const { writes } = await mergeScenario({ applies: false });
    const { target, cluster } = fakeTarget('acme/other-mesh');
    const probot = await testProbot(new CatalogCache(), undefined, target);
    await probot.receive({ id: '1', name: 'push', payload: pushEvent(MERGE) as never });
    expect(cluster.connects).toBe(0);
    const note = noteOf(writes);
    expect(note).toContain('pr: 1\n');
    expect(note).toContain('approval: owner:commerce/orders by olivia');
    expect(note).not.toContain('apply:');
    expect(writes.checkRunCreates).toEqual([]);
  });

  it('re-running the apply of a commit that is no longer the branch tip changes nothing and says why', async () => {
    mockSettings(await baseTree());
    const tip = 'e'.repeat(40);
    const created: Record<string, unknown>[] = [];
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/git/ref/heads%2Fmain`)
      .reply(200, { object: { sha: tip } })
      .post(`/repos/${OWNER}/${REPO}/check-runs`)
      .reply(201, (_uri, body) => (created.push(body as Record<string, unknown>), { id: 501 }));
    const { target, cluster } = fakeTarget();
    const probot = await testProbot(new CatalogCache(), undefined, target);
    const event = checkRunEvent('Mesh Steward / apply', []);
    event['check_run'].head_sha = MERGE;
    event['repository'].default_branch = 'main';
    await probot.receive({ id: '1', name: 'check_run', payload: event as never });
    expect(cluster.connects).toBe(0);
    expect(created[0]).toMatchObject({
      name: 'Mesh Steward / apply',
      head_sha: MERGE,
      conclusion: 'neutral',
      output: { title: 'Superseded: not applied again' },
    });
  });
});

describe('Re-run all checks on the applying branch', () => {
  it('goes through the branch-tip check of the apply run: a superseded commit is not applied', async () => {
    mockSettings(await baseTree());
    const created: Record<string, unknown>[] = [];
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/git/ref/heads%2Fmain`)
      .reply(200, { object: { sha: 'e'.repeat(40) } })
      .post(`/repos/${OWNER}/${REPO}/check-runs`)
      .reply(201, (_uri, body) => (created.push(body as Record<string, unknown>), { id: 502 }));
    const { target, cluster } = fakeTarget();
    const probot = await testProbot(new CatalogCache(), undefined, target);
    const event = checkSuiteEvent([]);
    event['check_suite'].head_sha = MERGE;
    event['check_suite'].head_branch = 'main';
    event['repository'].default_branch = 'main';
    await probot.receive({ id: '1', name: 'check_suite', payload: event as never });
    expect(cluster.connects).toBe(0);
    expect(created[0]).toMatchObject({ head_sha: MERGE, conclusion: 'neutral' });
  });

  it('leaves a suite of another branch alone', async () => {
    mockSettings(await baseTree());
    const { target, cluster } = fakeTarget();
    const probot = await testProbot(new CatalogCache(), undefined, target);
    const event = checkSuiteEvent([]);
    event['check_suite'].head_branch = 'feature/x';
    event['repository'].default_branch = 'main';
    await probot.receive({ id: '1', name: 'check_suite', payload: event as never });
    expect(cluster.connects).toBe(0);
  });
});

describe('apply outcomes', () => {
  it('an unreachable cluster fails the apply run with the reason, and the note says the apply failed', async () => {
    const { writes } = await mergeScenario();
    mockApplyComment(writes);
    const { target, cluster } = fakeTarget();
    cluster.kafka.unavailable = true;
    const probot = await testProbot(new CatalogCache(), undefined, target, () => '2026-11-22T12:00:00.000Z');
    await probot.receive({ id: '1', name: 'push', payload: pushEvent(MERGE) as never });
    expect(writes.checkRunUpdates[0]).toMatchObject({ conclusion: 'failure', output: { title: 'Not applied' } });
    expect(writes.checkRunUpdates[0]?.['output'].summary).toContain('Re-run');
    expect(noteOf(writes)).toContain('apply: failed at 2026-11-22T12:00:00.000Z');
    expect(writes.comments[0]?.['body']).toContain('❌ Apply failed');
  });

  it('a direct push that retires a product keeps its topic even where settings allow deletions', async () => {
    const base = await baseTree();
    const retired = edit(
      edit(base, ORDERS, (t) => t.replace('status: active', 'status: retired')),
      '.github/steward.yml',
      (t) => `${t}allowDeletions: true\n`,
    );
    const writes = noMergeWrites();
    mockSettings(retired);
    mockApplyRun(writes);
    await mockMergedCommit(retired, null);
    mockNotes(writes, new Map());
    const { target, cluster } = fakeTarget();
    await cluster.kafka.createTopics([
      { name: 'commerce.orders.v1', partitions: 6, replicationFactor: 1, configs: {} },
    ]);
    const probot = await testProbot(new CatalogCache(), undefined, target, () => '2026-11-22T12:00:00.000Z');
    await probot.receive({ id: '1', name: 'push', payload: pushEvent(MERGE, 'main', 'admin') as never });
    expect(cluster.kafka.topics.has('commerce.orders.v1')).toBe(true);
    expect(writes.checkRunUpdates[0]).toMatchObject({ conclusion: 'neutral' });
    const note = noteOf(writes);
    expect(note).toContain('pr: none\n');
    expect(note).toContain('author: admin\n');
    expect(note).toMatch(/op: not-attempted delete-topic topic:commerce\.orders\.v1: .*through a pull request/);
    expect(note).toContain('apply: partial at');
  });
});

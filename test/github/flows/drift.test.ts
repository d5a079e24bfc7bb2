import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/core/logger.js';
import type { SourceEntry } from '../../../src/core/source.js';
import { runDriftLoop, type DriftState } from '../../../src/github/flows/drift.js';
import type { ApplyTarget } from '../../../src/github/read/apply-target.js';
import { CatalogCache } from '../../../src/github/read/catalog-cache.js';
import { KeyedQueue } from '../../../src/github/serialize.js';
import { driftLabel, driftMarker } from '../../../src/render/drift-issue.js';
import { API, text } from '../helpers/github.js';
import { bot, MAIN, meshTree, mockHead, mockIssues, mockPulls, ORDERS_TOPIC, prodCluster } from '../helpers/drift.js';
import { useStrictNock } from '../helpers/nock.js';
import { OWNER, REPO } from '../helpers/payloads.js';
import { ORDERS } from '../helpers/trees.js';
import { testOctokit } from '../helpers/flow.js';

useStrictNock();

type Tree = ReadonlyMap<string, SourceEntry>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const repoPath = `/repos/${OWNER}/${REPO}`;
const repo = { owner: OWNER, repo: REPO, defaultBranch: 'main' };
const gh = testOctokit();
const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function driftState(target: ApplyTarget): DriftState {
  return { cache: new CatalogCache(), queue: new KeyedQueue(), target };
}

/** What a run writes, by request. */
interface Writes {
  issues: Json[];
  issueUpdates: Json[];
  comments: Json[];
  trees: Json[];
  commits: Json[];
  refCreates: Json[];
  refUpdates: Json[];
  pulls: Json[];
  pullUpdates: Json[];
}

function noWrites(): Writes {
  return {
    issues: [],
    issueUpdates: [],
    comments: [],
    trees: [],
    commits: [],
    refCreates: [],
    refUpdates: [],
    pulls: [],
    pullUpdates: [],
  };
}

function mockIssueCreate(writes: Writes, number = 42): void {
  nock(API)
    .post(`${repoPath}/issues`)
    .reply(201, (_uri, body) => (writes.issues.push(body as Json), { number, user: bot }));
}

function mockIssueUpdate(writes: Writes, number = 42): void {
  nock(API)
    .patch(`${repoPath}/issues/${number}`)
    .reply(200, (_uri, body) => (writes.issueUpdates.push(body as Json), { number }));
}

/** The adopting branch through the Git Data API: `branch` is its head (tree, parent) before the run, if any. */
function mockAdoptBranch(writes: Writes, tree: string | 'same files', branch?: { tree: string; parent: string }): void {
  const scope = nock(API);
  const ref = new RegExp(`^${repoPath}/git/ref/heads(/|%2F)steward(/|%2F)adopt-prod$`);
  if (!branch) scope.get(ref).reply(404, { message: 'Not Found' });
  else
    scope
      .get(ref)
      .reply(200, { object: { sha: 'adopt-head' } })
      .get(`${repoPath}/git/commits/adopt-head`)
      .reply(200, { sha: 'adopt-head', tree: { sha: branch.tree }, parents: [{ sha: branch.parent }] });
  if (tree === 'same files') return;
  scope
    .get(`${repoPath}/git/commits/${MAIN}`)
    .reply(200, { sha: MAIN, tree: { sha: 'main-tree' }, parents: [] })
    .post(`${repoPath}/git/trees`)
    .reply(201, (_uri, body) => (writes.trees.push(body as Json), { sha: tree }));
  if (branch?.tree === tree && branch.parent === MAIN) return;
  scope.post(`${repoPath}/git/commits`).reply(201, (_uri, body) => (writes.commits.push(body as Json), { sha: 'c2' }));
  if (branch)
    scope
      .patch(new RegExp(`^${repoPath}/git/refs/heads(/|%2F)steward(/|%2F)adopt-prod$`))
      .reply(200, (_uri, body) => (writes.refUpdates.push(body as Json), {}));
  else scope.post(`${repoPath}/git/refs`).reply(201, (_uri, body) => (writes.refCreates.push(body as Json), {}));
}

function mockPullCreate(writes: Writes, number = 43): void {
  nock(API)
    .post(`${repoPath}/pulls`)
    .reply(201, (_uri, body) => (writes.pulls.push(body as Json), { number }));
}

const issueOf = (writes: Writes, state = 'open') => ({
  number: 42,
  state,
  title: 'Drift in prod',
  body: (writes.issueUpdates.at(-1) ?? writes.issues.at(-1))?.['body'] as string,
  user: bot,
});
const pullOf = (writes: Writes, state = 'open', merged_at: string | null = null) => ({
  number: 43,
  state,
  merged_at,
  title: writes.pulls[0]?.['title'] as string,
  body: writes.pulls[0]?.['body'] as string,
  user: bot,
});

/** A first run on a drifted prod: the issue, the adopting pull request, and the issue again with its number. */
async function firstRun(tree: Tree, state: DriftState, writes: Writes) {
  await mockHead(tree);
  mockIssues([]);
  mockPulls([]);
  mockIssueCreate(writes);
  mockAdoptBranch(writes, 'adopt-tree-1');
  mockPullCreate(writes);
  mockIssueUpdate(writes);
  return runDriftLoop(gh, repo, state, quiet);
}

describe('runDriftLoop', () => {
  it('opens the issue and the adopting pull request when prod drifts, reading the cluster only', async () => {
    const tree = await meshTree();
    const { kafka, registry, target } = await prodCluster(tree);
    const topic = kafka.topics.get(ORDERS_TOPIC);
    if (!topic) throw new Error('no topic');
    topic.configs['retention.ms'] = '86400000';
    const before = structuredClone([...kafka.topics]);
    const subjects = await registry.listSubjects();
    const writes = noWrites();

    const run = await firstRun(tree, driftState(target), writes);

    expect(run).toEqual({
      kind: 'ran',
      environments: [{ environment: 'prod', status: 'drift', issue: 42, pullRequest: 43 }],
    });
    const [issue] = writes.issues;
    expect(issue?.['title']).toBe('Drift in prod');
    expect(issue?.['labels']).toEqual([driftLabel]);
    const body = issue?.['body'] as string;
    expect(body.startsWith(driftMarker('prod'))).toBe(true);
    expect(body).toContain('retention.ms');
    expect(body).toContain('`steward apply --env prod`; or re-run the check `Mesh Steward / apply (prod)`');
    expect(body).toContain('`PROD_KAFKA_PASSWORD`');
    expect(body).not.toContain('hunter2-secret');
    // The second write of the issue names the pull request, which closes the issue when merged.
    expect(writes.issueUpdates).toHaveLength(1);
    expect(writes.issueUpdates[0]?.['body']).toContain('review and merge #43');
    expect(writes.pulls[0]).toMatchObject({ head: 'steward/adopt-prod', base: 'main' });
    expect(writes.pulls[0]?.['body']).toContain('Closes #42.');
    expect(writes.trees[0]?.['base_tree']).toBe('main-tree');
    const files = writes.trees[0]?.['tree'] as Json[];
    expect(files.map((f) => f['path'])).toEqual([ORDERS]);
    expect(files[0]?.['content']).toContain('retention.ms: "86400000"');
    expect(writes.commits[0]).toMatchObject({ tree: 'adopt-tree-1', parents: [MAIN] });
    expect(writes.refCreates[0]).toEqual({ ref: 'refs/heads/steward/adopt-prod', sha: 'c2' });
    // Never touched: the cluster is as the drift left it.
    expect([...kafka.topics]).toEqual(before);
    expect(await registry.listSubjects()).toEqual(subjects);
  });

  it('writes nothing when the drift is unchanged, and edits the issue and the branch in place when it changes', async () => {
    const tree = await meshTree();
    const { kafka, target } = await prodCluster(tree);
    const topic = kafka.topics.get(ORDERS_TOPIC);
    if (!topic) throw new Error('no topic');
    topic.configs['retention.ms'] = '86400000';
    const state = driftState(target);
    const first = noWrites();
    await firstRun(tree, state, first);

    // Same drift: a few reads, and no write at all, not even a tree (strict nock fails on any unmocked request).
    await mockHead(tree, true);
    mockIssues([issueOf(first)]);
    mockPulls([pullOf(first)]);
    mockAdoptBranch(noWrites(), 'same files', { tree: 'adopt-tree-1', parent: MAIN });
    const again = await runDriftLoop(gh, repo, state, quiet);
    expect(again).toEqual({
      kind: 'ran',
      environments: [{ environment: 'prod', status: 'drift', issue: 42, pullRequest: 43 }],
    });

    // More drift: the issue's body, the branch and the pull request's body (what it adopts) are rewritten in place.
    topic.partitions = 12;
    const changed = noWrites();
    await mockHead(tree, true);
    mockIssues([issueOf(first)]);
    mockPulls([pullOf(first)]);
    mockIssueUpdate(changed);
    mockAdoptBranch(changed, 'adopt-tree-2', { tree: 'adopt-tree-1', parent: MAIN });
    nock(API)
      .patch(`${repoPath}/pulls/43`)
      .reply(200, (_uri, body) => (changed.pullUpdates.push(body as Json), {}));
    await runDriftLoop(gh, repo, state, quiet);
    expect(changed.issues).toEqual([]);
    expect(changed.issueUpdates).toHaveLength(1);
    expect(changed.issueUpdates[0]?.['body']).toContain('partitions');
    expect(changed.issueUpdates[0]?.['body']).toContain('review and merge #43');
    expect(changed.issueUpdates[0]).not.toHaveProperty('state');
    expect(changed.pulls).toEqual([]);
    expect(changed.pullUpdates).toHaveLength(1);
    expect(changed.pullUpdates[0]?.['body']).not.toBe(first.pulls[0]?.['body']);
    expect(changed.refUpdates).toEqual([{ sha: 'c2', force: true }]);
    expect((changed.trees[0]?.['tree'] as Json[])[0]?.['content']).toContain('partitions: 12');
  });

  it('closes the issue with a comment, and the adopting pull request, when prod is back in sync', async () => {
    const tree = await meshTree();
    const { target } = await prodCluster(tree);
    const writes = noWrites();
    await mockHead(tree);
    mockIssues([{ number: 42, state: 'open', title: 'Drift in prod', body: `${driftMarker('prod')}\nold`, user: bot }]);
    mockPulls([
      { number: 43, state: 'open', title: 'Adopt', body: '<!-- mesh-steward:adopt environment=prod -->', user: bot },
    ]);
    nock(API)
      .post(`${repoPath}/issues/42/comments`)
      .reply(201, (_uri, body) => (writes.comments.push(body as Json), {}))
      .post(`${repoPath}/issues/43/comments`)
      .reply(201, (_uri, body) => (writes.comments.push(body as Json), {}))
      .patch(`${repoPath}/pulls/43`)
      .reply(200, (_uri, body) => (writes.pullUpdates.push(body as Json), {}));
    mockIssueUpdate(writes);

    const run = await runDriftLoop(gh, repo, driftState(target), quiet);

    expect(run).toEqual({ kind: 'ran', environments: [{ environment: 'prod', status: 'in-sync' }] });
    expect(writes.comments[0]?.['body']).toContain('back in sync');
    expect(writes.issueUpdates).toEqual([{ state: 'closed', state_reason: 'completed' }]);
    expect(writes.pullUpdates).toEqual([{ state: 'closed' }]);
  });

  it('writes nothing when prod is in sync and its issue is closed already', async () => {
    const tree = await meshTree();
    const { target } = await prodCluster(tree);
    await mockHead(tree);
    mockIssues([{ number: 42, state: 'closed', title: 'Drift in prod', body: driftMarker('prod'), user: bot }]);
    mockPulls([]);
    const run = await runDriftLoop(gh, repo, driftState(target), quiet);
    expect(run).toEqual({ kind: 'ran', environments: [{ environment: 'prod', status: 'in-sync' }] });
  });

  it('reopens the closed issue when the drift returns, and never takes over a person issue quoting the marker', async () => {
    const tree = await meshTree();
    const { kafka, target } = await prodCluster(tree);
    const topic = kafka.topics.get(ORDERS_TOPIC);
    if (!topic) throw new Error('no topic');
    topic.configs['retention.ms'] = '86400000';
    const writes = noWrites();
    await mockHead(tree);
    mockIssues([
      { number: 42, state: 'closed', title: 'Drift in prod', body: `${driftMarker('prod')}\nold`, user: bot },
      {
        number: 50,
        state: 'open',
        title: 'Drift in prod',
        body: driftMarker('prod'),
        user: { login: 'eve', type: 'User' },
      },
    ]);
    mockPulls([]);
    mockIssueUpdate(writes);
    mockAdoptBranch(writes, 'adopt-tree-1');
    mockPullCreate(writes);
    mockIssueUpdate(writes);

    await runDriftLoop(gh, repo, driftState(target), quiet);

    expect(writes.issues).toEqual([]);
    expect(writes.issueUpdates[0]).toMatchObject({ state: 'open', title: 'Drift in prod' });
    expect(writes.issueUpdates[0]?.['body']).toContain('retention.ms');
    expect(writes.issueUpdates[1]?.['body']).toContain('review and merge #43');
  });

  it('does not propose an adoption again that was declined, until what it would write changes', async () => {
    const tree = await meshTree();
    const { kafka, target } = await prodCluster(tree);
    const topic = kafka.topics.get(ORDERS_TOPIC);
    if (!topic) throw new Error('no topic');
    topic.configs['retention.ms'] = '86400000';
    const state = driftState(target);
    const first = noWrites();
    await firstRun(tree, state, first);

    // #43 was closed without merging: the same drift gets no new pull request, and the issue says so.
    const declined = noWrites();
    await mockHead(tree, true);
    mockIssues([issueOf(first)]);
    mockPulls([pullOf(first, 'closed')]);
    mockIssueUpdate(declined);
    const run = await runDriftLoop(gh, repo, state, quiet);
    expect(run).toEqual({ kind: 'ran', environments: [{ environment: 'prod', status: 'drift', issue: 42 }] });
    expect(declined.issueUpdates[0]?.['body']).toContain('declined in #43');

    // The drift changes: a new pull request adopts the new values.
    topic.configs['retention.ms'] = '3600000';
    const changed = noWrites();
    await mockHead(tree, true);
    mockIssues([{ ...issueOf(first), body: declined.issueUpdates[0]?.['body'] }]);
    mockPulls([pullOf(first, 'closed')]);
    mockIssueUpdate(changed);
    mockAdoptBranch(changed, 'adopt-tree-3', { tree: 'adopt-tree-1', parent: MAIN });
    mockPullCreate(changed, 44);
    mockIssueUpdate(changed);
    await runDriftLoop(gh, repo, state, quiet);
    expect(changed.pulls).toHaveLength(1);
    expect(changed.issueUpdates.at(-1)?.['body']).toContain('review and merge #44');
  });

  it('proposes adopting again after the adopting pull request was merged and the environment drifted anew', async () => {
    const tree = await meshTree();
    const { kafka, target } = await prodCluster(tree);
    const topic = kafka.topics.get(ORDERS_TOPIC);
    if (!topic) throw new Error('no topic');
    topic.configs['retention.ms'] = '86400000';
    const state = driftState(target);
    const first = noWrites();
    await firstRun(tree, state, first);
    const again = noWrites();
    await mockHead(tree, true);
    mockIssues([issueOf(first, 'closed')]);
    mockPulls([pullOf(first, 'closed', '2026-11-22T12:00:00Z')]);
    mockIssueUpdate(again);
    mockAdoptBranch(again, 'adopt-tree-1', { tree: 'adopt-tree-1', parent: 'older-main' });
    mockPullCreate(again, 45);
    mockIssueUpdate(again);
    await runDriftLoop(gh, repo, state, quiet);
    expect(again.issueUpdates[0]).toMatchObject({ state: 'open' });
    expect(again.refUpdates).toEqual([{ sha: 'c2', force: true }]);
    expect(again.pulls).toHaveLength(1);
  });

  it('offers no adoption when the catalog cannot say what differs (a topic missing from the cluster)', async () => {
    const tree = await meshTree();
    const { kafka, target } = await prodCluster(tree);
    kafka.topics.delete(ORDERS_TOPIC);
    const writes = noWrites();
    await mockHead(tree);
    mockIssues([]);
    mockPulls([]);
    mockIssueCreate(writes);
    const run = await runDriftLoop(gh, repo, driftState(target), quiet);
    expect(run).toEqual({ kind: 'ran', environments: [{ environment: 'prod', status: 'drift', issue: 42 }] });
    expect(writes.issues[0]?.['body']).toContain('+ create topic commerce.orders.v1');
    expect(writes.issues[0]?.['body']).toContain(
      '**Adopt** — make the catalog say what the cluster holds: not offered',
    );
  });

  it('leaves the issue alone when prod cannot be read, and skips a repository that is not the target', async () => {
    const tree = await meshTree();
    const { kafka, target } = await prodCluster(tree);
    kafka.unavailable = true;
    await mockHead(tree);
    mockIssues([{ number: 42, state: 'open', title: 'Drift in prod', body: driftMarker('prod'), user: bot }]);
    const run = await runDriftLoop(gh, repo, driftState(target), quiet);
    expect(run).toMatchObject({ kind: 'ran', environments: [{ environment: 'prod', status: 'failed', issue: 42 }] });

    const other = await runDriftLoop(gh, { ...repo, repo: 'other' }, driftState(target), quiet);
    expect(other).toEqual({ kind: 'skipped', reason: `this App reaches the clusters of ${OWNER}/${REPO} only.` });
  });

  it('says which variables are missing for an environment it cannot reach, and writes nothing', async () => {
    const tree = await meshTree();
    await mockHead(tree);
    mockIssues([]);
    const target: ApplyTarget = { repository: `${OWNER}/${REPO}`, env: {} };
    const run = await runDriftLoop(gh, repo, driftState(target), quiet);
    expect(run).toEqual({
      kind: 'ran',
      environments: [
        { environment: 'prod', status: 'unreachable', detail: 'not set here: PROD_KAFKA_BROKERS, PROD_REGISTRY_URL' },
      ],
    });
    expect(text(tree.get('.github/steward.yml'))).toContain('prod');
  });
});

import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { SourceEntry } from '../../../src/core/source.js';
import { applyMergedCommit, type PushRef } from '../../../src/github/flows/merge.js';
import type { ApplyTarget } from '../../../src/github/read/apply-target.js';
import { KeyedQueue } from '../../../src/github/serialize.js';
import { API, mockCatalogReads, mockPullRequestLists, mockTeam } from '../helpers/github.js';
import {
  fakeTarget,
  MERGE,
  mockApplyComment,
  mockApplyRun,
  mockMergedCommit,
  mockNotes,
  noMergeWrites,
  NOW,
} from '../helpers/merge.js';
import { useStrictNock } from '../helpers/nock.js';
import { comment, HEAD, OWNER, REPO } from '../helpers/payloads.js';
import { baseTree, breakOrders, edit, ORDERS } from '../helpers/trees.js';
import { appState, recorder, testOctokit } from '../helpers/flow.js';

useStrictNock();

type Tree = ReadonlyMap<string, SourceEntry>;
const gh = testOctokit();
const push: PushRef = { owner: OWNER, repo: REPO, sha: MERGE, pusher: 'bob' };
const approval = { id: 1, user: { login: 'olivia' }, state: 'APPROVED', commit_id: HEAD, submitted_at: 'T1' };
const waiver = comment(7, '/steward accept-breaking No consumer reads channel yet', 'olivia');

/** The reads of a merged pull request that breaks Order under a waiver, approved by the Accountable team. */
async function mockApprovedMerge(): Promise<Tree> {
  const base = await baseTree();
  const head = breakOrders(base);
  await mockMergedCommit(head);
  await mockCatalogReads(base, head);
  mockPullRequestLists([approval], [waiver]);
  mockTeam('@acme/orders', ['olivia']);
  mockTeam('@acme/finance-data', ['fiona']);
  mockTeam('@acme/shipping', []);
  return head;
}

const noteOf = (writes: ReturnType<typeof noMergeWrites>) => String(writes.blobs[0]?.['content'] ?? '');

describe('applyMergedCommit', () => {
  it('applies an approved merge: a run in progress then completed, a comment on the PR and the note', async () => {
    const writes = noMergeWrites();
    mockApplyRun(writes);
    await mockApprovedMerge();
    mockNotes(writes, new Map());
    mockApplyComment(writes);
    const { target, cluster } = fakeTarget();
    const keys: string[] = [];
    const queue = { run: (key: string, task: () => Promise<void>) => (keys.push(key), task()) } as KeyedQueue;
    await applyMergedCommit(gh, push, appState(target, queue), recorder().log);
    expect(keys).toEqual([`apply:${OWNER}/${REPO}`]);
    expect(cluster.connects).toBe(1);
    expect(cluster.kafka.topics.has('commerce.orders.v1')).toBe(true);
    expect(writes.checkRunCreates).toEqual([
      expect.objectContaining({ name: 'Mesh Steward / apply', head_sha: MERGE, status: 'in_progress' }),
    ]);
    expect(writes.checkRunUpdates).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'success' })]);
    expect(writes.comments[0]?.['body']).toMatch(/^<!-- mesh-steward:apply -->\n/);
    const note = noteOf(writes);
    expect(note).toContain('pr: 1\n');
    expect(note).toContain('merged-by: bob\n');
    expect(note).toContain(`apply: succeeded at ${NOW} on ${target.name}\n`);
  });

  it('in another repository than the target’s: only the note, without an apply, and no check run', async () => {
    const writes = noMergeWrites();
    await mockApprovedMerge();
    mockNotes(writes, new Map());
    const { target, cluster } = fakeTarget('acme/other');
    await applyMergedCommit(gh, push, appState(target), recorder().log);
    expect(cluster.connects).toBe(0);
    expect(writes.checkRunCreates).toEqual([]);
    expect(writes.comments).toEqual([]);
    expect(noteOf(writes)).toContain('approval: owner:commerce/orders by olivia');
    expect(noteOf(writes)).not.toContain('apply:');
  });

  it('holds deletions back for a direct push, and comments nowhere', async () => {
    const retired = edit(
      edit(await baseTree(), ORDERS, (t) => t.replace('status: active', 'status: retired')),
      '.github/steward.yml',
      (t) => `${t}allowDeletions: true\n`,
    );
    const writes = noMergeWrites();
    mockApplyRun(writes);
    await mockMergedCommit(retired, null);
    mockNotes(writes, new Map());
    const { target, cluster } = fakeTarget();
    await cluster.kafka.createTopics([
      { name: 'commerce.orders.v1', partitions: 6, replicationFactor: 1, configs: {} },
    ]);
    await applyMergedCommit(gh, { ...push, pusher: 'admin' }, appState(target), recorder().log);
    expect(cluster.kafka.topics.has('commerce.orders.v1')).toBe(true);
    expect(writes.checkRunUpdates[0]).toMatchObject({ conclusion: 'neutral' });
    expect(writes.comments).toEqual([]);
    const note = noteOf(writes);
    expect(note).toContain('pr: none\n');
    expect(note).toContain('author: admin\n');
    expect(note).toContain(
      'op: not-attempted delete-topic topic:commerce.orders.v1: would delete (held back: the retirement did not reach this branch through a pull request whose approvals were all met)',
    );
  });

  it('lets a retirement through when the merged pull request met every approval', async () => {
    const base = edit(await baseTree(), '.github/steward.yml', (t) => `${t}allowDeletions: true\n`);
    const head = edit(base, ORDERS, (t) => t.replace('status: active', 'status: retired'));
    const writes = noMergeWrites();
    mockApplyRun(writes);
    await mockMergedCommit(head);
    await mockCatalogReads(base, head);
    const by = (login: string, id: number) => ({ ...approval, id, user: { login } });
    mockPullRequestLists([by('olivia', 1), by('fiona', 2), by('sam', 3)]);
    mockTeam('@acme/orders', ['olivia']);
    mockTeam('@acme/finance-data', ['fiona']);
    mockTeam('@acme/shipping', ['sam']);
    mockNotes(writes, new Map());
    mockApplyComment(writes);
    const { target, cluster } = fakeTarget();
    await cluster.kafka.createTopics([
      { name: 'commerce.orders.v1', partitions: 6, replicationFactor: 1, configs: {} },
    ]);
    await applyMergedCommit(gh, push, appState(target), recorder().log);
    expect(cluster.kafka.topics.has('commerce.orders.v1')).toBe(false);
    expect(noteOf(writes)).toContain('op: ok delete-topic topic:commerce.orders.v1');
  });

  it('does not apply a catalog with errors, naming the first, and never connects', async () => {
    const broken = edit(await baseTree(), ORDERS, (t) => t.replace('name: orders', 'name: ['));
    const writes = noMergeWrites();
    mockApplyRun(writes);
    await mockMergedCommit(broken, null);
    mockNotes(writes, new Map());
    const { target, cluster } = fakeTarget();
    await applyMergedCommit(gh, push, appState(target), recorder().log);
    expect(cluster.connects).toBe(0);
    expect(writes.checkRunUpdates[0]).toMatchObject({ conclusion: 'failure', output: { title: 'Not applied' } });
    // The summary is Markdown: the reason's parentheses and backticks come escaped.
    const summary = String(writes.checkRunUpdates[0]?.['output'].summary);
    expect(summary).toContain(
      'Nothing was applied: the catalog at this commit has 1 error\\(s\\), first catalog/commerce/orders/product.yaml:5: ',
    );
    expect(summary).toContain('Run \\`steward validate\\` on it.');
    expect(noteOf(writes)).toContain(`apply: failed at ${NOW}`);
  });

  it('reports a cluster that cannot be reached as not applied, without credentials in the reason', async () => {
    const writes = noMergeWrites();
    mockApplyRun(writes);
    await mockMergedCommit(await baseTree(), null);
    mockNotes(writes, new Map());
    const { target } = fakeTarget();
    const down: ApplyTarget = {
      ...target,
      connect: () => {
        throw new Error('connect refused by https://u:s3cret@registry.example/x?key=1');
      },
    };
    await applyMergedCommit(gh, push, appState(down), recorder().log);
    const summary = String(writes.checkRunUpdates[0]?.['output'].summary);
    expect(writes.checkRunUpdates[0]).toMatchObject({ conclusion: 'failure', output: { title: 'Not applied' } });
    expect(summary).toContain('connect refused by https://registry.example');
    expect(summary).not.toContain('s3cret');
  });

  it('says in the run when the note could not be written, and still completes it', async () => {
    const writes = noMergeWrites();
    mockApplyRun(writes);
    await mockMergedCommit(await baseTree(), null);
    nock(API)
      .get(new RegExp(`^/repos/${OWNER}/${REPO}/git/ref/notes(/|%2F)steward$`))
      .reply(403, { message: 'Resource not accessible by integration' });
    const { target } = fakeTarget();
    const { log, lines } = recorder();
    await applyMergedCommit(gh, push, appState(target), log);
    expect(writes.checkRunUpdates[0]).toMatchObject({ conclusion: 'success' });
    expect(writes.checkRunUpdates[0]?.['output'].summary).toContain(
      '⚠️ The audit record could not be written to refs/notes/steward: Could not read refs/notes/steward: Resource not accessible by integration',
    );
    expect(lines).toEqual([`error Could not write the audit record of ${MERGE}`]);
  });

  it('fails the run, saying what happened and how to re-run, when GitHub cannot serve the merge', async () => {
    const writes = noMergeWrites();
    mockApplyRun(writes);
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/commits/${MERGE}/pulls`)
      .reply(500, { message: 'boom' })
      .get(`/repos/${OWNER}/${REPO}/tarball/${MERGE}`)
      .reply(500, { message: 'boom' });
    const { target } = fakeTarget();
    const { log, lines } = recorder();
    await expect(applyMergedCommit(gh, push, appState(target), log)).rejects.toThrow(/boom/);
    expect(writes.checkRunUpdates[0]).toMatchObject({ conclusion: 'failure', output: { title: 'Apply failed' } });
    expect(writes.checkRunUpdates[0]?.['output'].summary).toMatch(
      /^The apply could not finish: Could not .*: boom\n\nUse \*\*Re-run\*\* on this check/,
    );
    // The one log line of a failure is github/failure.ts handled's, with event and delivery; the flow adds none.
    expect(lines).toEqual([]);
  });

  it('without a target, a failure only rethrows: there is no run to complete', async () => {
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/commits/${MERGE}/pulls`)
      .reply(500, { message: 'boom' })
      .get(`/repos/${OWNER}/${REPO}/tarball/${MERGE}`)
      .reply(500, { message: 'boom' });
    await expect(applyMergedCommit(gh, push, appState(undefined), recorder().log)).rejects.toThrow(/boom/);
  });
});

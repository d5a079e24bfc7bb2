import nock from 'nock';
import { FakeKafkaAdmin } from '../../../src/apply/fake-kafka-admin.js';
import { FakeSchemaRegistry } from '../../../src/apply/fake-schema-registry.js';
import { gitBlobSha } from '../../../src/audit/git-blob.js';
import type { SourceEntry } from '../../../src/core/source.js';
import type { ApplyTarget } from '../../../src/github/read/apply-target.js';
import { API, tarball } from './github.js';
import { BASE, HEAD, OWNER, REPO, pullRequestData } from './payloads.js';

type Tree = ReadonlyMap<string, SourceEntry>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const repoPath = `/repos/${OWNER}/${REPO}`;
export const MERGE = 'd'.repeat(40);
export const NOW = '2026-11-22T12:00:00.000Z';

/** An in-memory cluster the App applies to; `connects` counts the connections it opened. */
export function fakeTarget(repository = `${OWNER}/${REPO}`) {
  const kafka = new FakeKafkaAdmin();
  const registry = new FakeSchemaRegistry();
  const cluster = { kafka, registry, connects: 0 };
  const target: ApplyTarget = {
    repository,
    name: '127.0.0.1:9092 http://registry',
    connect: () => {
      cluster.connects++;
      return { kafka, registry, name: 'fake' };
    },
    replicationFactorOverride: 1,
  };
  return { target, cluster };
}

/** Everything the App writes while applying a merge. */
export interface MergeWrites {
  checkRunCreates: Json[];
  checkRunUpdates: Json[];
  comments: Json[];
  commentUpdates: Json[];
  blobs: Json[];
  trees: Json[];
  commits: Json[];
  refCreates: Json[];
  refUpdates: Json[];
}

export function noMergeWrites(): MergeWrites {
  return {
    checkRunCreates: [],
    checkRunUpdates: [],
    comments: [],
    commentUpdates: [],
    blobs: [],
    trees: [],
    commits: [],
    refCreates: [],
    refUpdates: [],
  };
}

/** The default branch's settings: one contents read that says which branch applies. */
export function mockSettings(tree: Tree): void {
  const entry = tree.get('.github/steward.yml');
  const text = entry?.kind === 'file' ? Buffer.from(entry.content).toString('base64') : undefined;
  const scope = nock(API)
    .get(new RegExp(`^${repoPath}/contents/\\.github(/|%2F)steward\\.yml\\?ref=main$`))
    .reply(text ? 200 : 404, text ? { type: 'file', encoding: 'base64', content: text } : { message: 'Not Found' });
  if (!text)
    scope
      .get(new RegExp(`^${repoPath}/contents/\\.github(/|%2F)steward\\.yaml\\?ref=main$`))
      .reply(404, { message: 'Not Found' });
}

/** The merged pull request of MERGE, and the merged tree it produced (unless the App has it cached). */
export async function mockMergedCommit(
  merged: Tree,
  pr: Json | null = mergedPullRequest(),
  treeCached = false,
): Promise<void> {
  nock(API)
    .get(`${repoPath}/commits/${MERGE}/pulls`)
    .reply(200, pr ? [pr] : []);
  if (!treeCached)
    nock(API)
      .get(`${repoPath}/tarball/${MERGE}`)
      .reply(200, await tarball(merged), { 'content-type': 'application/x-gzip' });
}

export function mergedPullRequest(): Json {
  const pr = pullRequestData();
  pr['base'].sha = BASE;
  pr['head'].sha = HEAD;
  pr['title'] = 'Add channel to orders';
  pr['html_url'] = `https://github.com/${OWNER}/${REPO}/pull/1`;
  pr['merged_at'] = '2026-11-22T11:59:00Z';
  pr['merge_commit_sha'] = MERGE;
  return pr;
}

/** The apply check run: created in progress on the merge commit, then completed. */
export function mockApplyRun(writes: MergeWrites): void {
  nock(API)
    .post(`${repoPath}/check-runs`)
    .reply(201, (_uri, body) => (writes.checkRunCreates.push(body as Json), { id: 500 }))
    .patch(`${repoPath}/check-runs/500`)
    .reply(200, (_uri, body) => (writes.checkRunUpdates.push(body as Json), { id: 500 }));
}

/**
 * refs/notes/steward through the Git Data API, backed by `notes` (commit → note text): reads see what earlier
 * writes left, so a second apply finds its own record.
 */
export function mockNotes(writes: MergeWrites, notes: Map<string, string>, writesExpected = true): void {
  const refPath = new RegExp(`^${repoPath}/git/ref/notes(/|%2F)steward$`);
  const scope = nock(API);
  if (notes.size === 0) scope.get(refPath).reply(404, { message: 'Not Found' });
  else {
    scope
      .get(refPath)
      .reply(200, { object: { sha: 'notes-1' } })
      .get(`${repoPath}/git/commits/notes-1`)
      .reply(200, { tree: { sha: 'tree-1' } });
    // The writer reads only the merged commit's note.
    const text = notes.get(MERGE);
    scope
      .get(`${repoPath}/contents/${MERGE}`)
      .query({ ref: 'notes-1' })
      .reply(
        text === undefined ? 404 : 200,
        text === undefined
          ? { message: 'Not Found' }
          : { type: 'file', sha: gitBlobSha(text), content: Buffer.from(text).toString('base64') },
      );
  }
  if (!writesExpected) return;
  scope
    .post(`${repoPath}/git/blobs`)
    .reply(201, (_uri, body) => (writes.blobs.push(body as Json), { sha: 'blob-new' }))
    .post(`${repoPath}/git/trees`)
    .reply(201, (_uri, body) => (writes.trees.push(body as Json), { sha: 'tree-2' }))
    .post(`${repoPath}/git/commits`)
    .reply(201, (_uri, body) => (writes.commits.push(body as Json), { sha: 'notes-2' }));
  if (notes.size === 0)
    scope.post(`${repoPath}/git/refs`).reply(201, (_uri, body) => (writes.refCreates.push(body as Json), {}));
  else
    scope
      .patch(new RegExp(`^${repoPath}/git/refs/notes(/|%2F)steward$`))
      .reply(200, (_uri, body) => (writes.refUpdates.push(body as Json), {}));
}

export function mockApplyComment(writes: MergeWrites, existingId?: number): void {
  if (existingId === undefined)
    nock(API)
      .post(`${repoPath}/issues/1/comments`)
      .reply(201, (_uri, body) => (writes.comments.push(body as Json), { id: 11 }));
  else
    nock(API)
      .patch(`${repoPath}/issues/comments/${existingId}`)
      .reply(200, (_uri, body) => (writes.commentUpdates.push(body as Json), { id: existingId }));
}

import { gzipSync } from 'node:zlib';
import nock from 'nock';
import { pack } from 'tar-stream';
import { Probot, ProbotOctokit } from 'probot';
import type { SourceEntry } from '../../../src/core/source.js';
import { createApp } from '../../../src/github/app.js';
import type { ApplyTarget } from '../../../src/github/read/apply-target.js';
import { CatalogCache } from '../../../src/github/read/catalog-cache.js';
import { BASE, HEAD, OWNER, REPO } from './payloads.js';

export const API = 'https://api.github.com';
const repoPath = `/repos/${OWNER}/${REPO}`;
type Tree = ReadonlyMap<string, SourceEntry>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A real Probot with retries and throttling off, authenticated with a plain token, loaded with the app. */
export async function testProbot(
  cache = new CatalogCache(),
  onRequest?: (route: string) => void,
  target?: ApplyTarget,
  now?: () => string,
): Promise<Probot> {
  const Counted = ProbotOctokit.plugin((octokit) => {
    octokit.hook.before('request', (options) => onRequest?.(`${options.method} ${options.url}`));
  });
  const probot = new Probot({
    githubToken: 'test-token',
    secret: 'webhook-secret',
    logLevel: 'fatal',
    // A function, not an object: Probot merges its own throttle options over plain defaults, which would
    // re-enable throttling (one second between writes).
    Octokit: Counted.defaults((options: Json) => ({
      ...options,
      retry: { enabled: false },
      throttle: { ...options['throttle'], enabled: false },
    })),
  });
  await probot.load(createApp({ today: () => '2026-11-22', cache, target, ...(now ? { now } : {}) }));
  return probot;
}

export async function tarball(tree: Tree, prefix = `${OWNER}-${REPO}-${HEAD.slice(0, 7)}`): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve) => archive.on('end', () => resolve()));
  for (const [path, entry] of [...tree].sort()) {
    if (entry.kind === 'symlink') archive.entry({ name: `${prefix}/${path}`, type: 'symlink', linkname: entry.target });
    else if (entry.kind === 'file') archive.entry({ name: `${prefix}/${path}` }, Buffer.from(entry.content));
  }
  archive.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

export function text(entry: SourceEntry | undefined): string | undefined {
  return entry?.kind === 'file' ? Buffer.from(entry.content).toString('utf8') : undefined;
}

export function changedFiles(base: Tree, head: Tree): { filename: string; status: string }[] {
  const files: { filename: string; status: string }[] = [];
  for (const [path, entry] of head) {
    if (!base.has(path)) files.push({ filename: path, status: 'added' });
    else if (text(base.get(path)) !== text(entry)) files.push({ filename: path, status: 'modified' });
  }
  for (const path of base.keys()) if (!head.has(path)) files.push({ filename: path, status: 'removed' });
  return files;
}

/**
 * The three reads of a catalog evaluation: compare, the merge base's tarball (unless `cachedBase`), and one GraphQL
 * query for the head side of changed files and the base history of changed schemas.
 */
export async function mockCatalogReads(
  base: Tree,
  head: Tree,
  headSha = HEAD,
  cachedBase = false,
  earlier: readonly EarlierCommit[] = [],
): Promise<void> {
  const files = changedFiles(base, head);
  nock(API)
    .get(`${repoPath}/compare/${BASE}...${headSha}`)
    .query({ per_page: 1 })
    .reply(200, { merge_base_commit: { sha: BASE }, files });
  if (!cachedBase)
    nock(API)
      .get(`${repoPath}/tarball/${BASE}`)
      .reply(200, await tarball(base), { 'content-type': 'application/x-gzip' });
  if (files.length > 0)
    nock(API)
      .post('/graphql')
      .reply(200, (_uri, body) => ({ data: graphqlAnswer(base, head, (body as Json)['variables'] as Json, earlier) }));
}

/** A commit before the merge base, with its tree: what the history of a folder reaches back to. */
export interface EarlierCommit {
  readonly sha: string;
  readonly tree: Tree;
}

/**
 * Answers a `readFilesAt` query from the trees: `c<i>` names a commit, `c<i>f<n>` a file, `c<i>h<n>` a folder whose
 * history is read and `c<i>h<n>p<k>` a file read at each commit of it. The history is the base commit, preceded by
 * the `earlier` ones (oldest first), every one listed whether or not it touched the folder.
 */
export function graphqlAnswer(base: Tree, head: Tree, variables: Json, earlier: readonly EarlierCommit[] = []): Json {
  const repository: Json = {};
  const blob = (content: string | undefined) =>
    content === undefined
      ? null
      : { mode: 33188, object: { text: content, byteSize: content.length, isBinary: false, isTruncated: false } };
  for (const [key, value] of Object.entries(variables)) {
    const match = /^(c\d+)([fh])\d+$/.exec(key);
    if (!match) continue;
    const [, commit = '', kind] = match;
    const tree = variables[commit] === BASE ? base : head;
    repository[commit] ??= {};
    if (kind === 'f') {
      repository[commit][key] = blob(text(tree.get(value as string)));
      continue;
    }
    const paths = Object.entries(variables).filter(([k]) => k.startsWith(`${key}p`));
    const commits = [{ sha: BASE, tree: base }, ...[...earlier].reverse()];
    repository[commit][key] = {
      nodes: commits.map((c) => ({
        oid: c.sha,
        ...Object.fromEntries(paths.map(([k, path]) => [k.slice(key.length), blob(text(c.tree.get(path as string)))])),
      })),
    };
  }
  return { repository };
}

export function mockPullRequestLists(reviews: Json[] = [], comments: Json[] = []): void {
  nock(API)
    .get(`${repoPath}/pulls/1/reviews`)
    .query({ per_page: 100 })
    .reply(200, reviews)
    .get(`${repoPath}/issues/1/comments`)
    .query({ per_page: 100 })
    .reply(200, comments);
}

export function mockTeam(team: string, members: string[]): void {
  const [org, slug] = team.slice(1).split('/');
  nock(API)
    .get(`/orgs/${org}/teams/${slug}/members`)
    .query({ per_page: 100 })
    .reply(
      200,
      members.map((login) => ({ login })),
    );
}

/** Records every write the app makes. */
export interface Writes {
  checkRuns: Json[];
  comments: Json[];
  commentUpdates: Json[];
  reviewRequests: Json[];
}

export function mockCheckRuns(writes: Writes, count: number, existing: Json[] = [], headSha = HEAD): void {
  nock(API)
    .get(`${repoPath}/commits/${headSha}/check-runs`)
    .query({ filter: 'latest', per_page: 100 })
    .reply(200, { total_count: existing.length, check_runs: existing });
  if (count > 0)
    nock(API)
      .post(`${repoPath}/check-runs`)
      .times(count)
      .reply(201, (_uri, body) => {
        writes.checkRuns.push(body as Json);
        return { id: 100 + writes.checkRuns.length };
      });
}

export function mockComment(writes: Writes, existingId?: number): void {
  if (existingId === undefined)
    nock(API)
      .post(`${repoPath}/issues/1/comments`)
      .reply(201, (_uri, body) => (writes.comments.push(body as Json), { id: 9 }));
  else
    nock(API)
      .patch(`${repoPath}/issues/comments/${existingId}`)
      .reply(200, (_uri, body) => (writes.commentUpdates.push(body as Json), { id: existingId }));
}

export function mockReviewRequest(writes: Writes): void {
  nock(API)
    .post(`${repoPath}/pulls/1/requested_reviewers`)
    .reply(201, (_uri, body) => (writes.reviewRequests.push(body as Json), {}));
}

export function noWrites(): Writes {
  return { checkRuns: [], comments: [], commentUpdates: [], reviewRequests: [] };
}

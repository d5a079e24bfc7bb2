import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { gitBlobSha } from '../../../src/audit/git-blob.js';
import { gitDataApi } from '../../../src/github/publish/git-notes.js';
import { API } from '../helpers/github.js';
import { useStrictNock } from '../helpers/nock.js';
import { OWNER, REPO } from '../helpers/payloads.js';
import { testOctokit } from '../helpers/flow.js';

useStrictNock();

const gh = testOctokit();
// A richer reference, as the merge flow passes: only owner and name may reach the requests.
const api = gitDataApi(gh, { owner: OWNER, repo: REPO, sha: 'x', pusher: 'bob' } as never);
const repoPath = `/repos/${OWNER}/${REPO}`;
const notesRef = new RegExp(`^${repoPath}/git/ref/notes(/|%2F)steward$`);
type Json = Record<string, unknown>;

function capture(bodies: Json[], answer: Json) {
  return (_uri: string, body: unknown) => (bodies.push(body as Json), answer);
}

describe('gitDataApi reads', () => {
  it('reads the notes ref without its refs/ prefix; a missing one is undefined, other errors fail', async () => {
    nock(API)
      .get(notesRef)
      .reply(200, { object: { sha: 'notes-1' } });
    expect(await api.getRef('refs/notes/steward')).toEqual({ sha: 'notes-1' });
    nock(API).get(notesRef).reply(404, { message: 'Not Found' });
    expect(await api.getRef('refs/notes/steward')).toBeUndefined();
    nock(API).get(notesRef).reply(500, { message: 'boom' });
    await expect(api.getRef('refs/notes/steward')).rejects.toThrow(/^Could not read refs\/notes\/steward: boom/);
  });

  it('reads the tree of the notes commit', async () => {
    nock(API)
      .get(`${repoPath}/git/commits/notes-1`)
      .reply(200, { tree: { sha: 'tree-1' } });
    expect(await api.getCommitTree('notes-1')).toBe('tree-1');
  });

  it('reads one note file at the notes commit, as text with its blob sha', async () => {
    const text = '{"mergeCommit":"d"}\n';
    nock(API)
      .get(`${repoPath}/contents/abc`)
      .query({ ref: 'notes-1' })
      .reply(200, { type: 'file', sha: 'blob-1', content: Buffer.from(text).toString('base64') });
    expect(await api.getFile('notes-1', 'abc')).toEqual({ sha: 'blob-1', text });
  });

  it('reads a missing note, a folder or a link as no note, and fails on other errors', async () => {
    const at = () => nock(API).get(`${repoPath}/contents/abc`).query({ ref: 'notes-1' });
    at().reply(404, { message: 'Not Found' });
    expect(await api.getFile('notes-1', 'abc')).toBeUndefined();
    at().reply(200, [{ type: 'file', name: 'x', sha: 's' }]);
    expect(await api.getFile('notes-1', 'abc')).toBeUndefined();
    at().reply(200, { type: 'symlink', sha: 's', target: 'x' });
    expect(await api.getFile('notes-1', 'abc')).toBeUndefined();
    at().reply(403, { message: 'Forbidden' });
    await expect(api.getFile('notes-1', 'abc')).rejects.toThrow(/^Could not read the audit record: Forbidden/);
  });
});

describe('gitDataApi writes', () => {
  it('writes a UTF-8 blob and a one-file tree on the base tree, or a fresh one without it', async () => {
    const blobs: Json[] = [];
    const trees: Json[] = [];
    nock(API)
      .post(`${repoPath}/git/blobs`)
      .reply(201, capture(blobs, { sha: 'blob-2' }))
      .post(`${repoPath}/git/trees`)
      .times(2)
      .reply(201, capture(trees, { sha: 'tree-2' }));
    expect(await api.createBlob('note ✓')).toBe('blob-2');
    expect(await api.createTree('tree-1', 'abc', 'blob-2')).toBe('tree-2');
    expect(await api.createTree(undefined, 'abc', 'blob-2')).toBe('tree-2');
    expect(blobs).toEqual([{ content: 'note ✓', encoding: 'utf-8' }]);
    const entry = { path: 'abc', mode: '100644', type: 'blob', sha: 'blob-2' };
    expect(trees).toEqual([{ base_tree: 'tree-1', tree: [entry] }, { tree: [entry] }]);
  });

  it('writes a commit with its parents, creates the ref in full and moves it without force', async () => {
    const commits: Json[] = [];
    const creates: Json[] = [];
    const updates: Json[] = [];
    nock(API)
      .post(`${repoPath}/git/commits`)
      .reply(201, capture(commits, { sha: 'notes-2' }))
      .post(`${repoPath}/git/refs`)
      .reply(201, capture(creates, {}))
      .patch(new RegExp(`^${repoPath}/git/refs/notes(/|%2F)steward$`))
      .reply(200, capture(updates, {}));
    expect(await api.createCommit('Audit record of d', 'tree-2', ['notes-1'])).toBe('notes-2');
    await api.createRef('refs/notes/steward', 'notes-2');
    await api.updateRef('refs/notes/steward', 'notes-2', 'notes-1');
    expect(commits).toEqual([{ message: 'Audit record of d', tree: 'tree-2', parents: ['notes-1'] }]);
    expect(creates).toEqual([{ ref: 'refs/notes/steward', sha: 'notes-2' }]);
    expect(updates).toEqual([{ sha: 'notes-2', force: false }]);
  });

  it('lets a refused fast-forward (422) through with its status, for the writer to read again', async () => {
    nock(API)
      .patch(new RegExp(`^${repoPath}/git/refs/notes(/|%2F)steward$`))
      .reply(422, { message: 'Update is not a fast forward' });
    await expect(api.updateRef('refs/notes/steward', 'notes-2', 'notes-1')).rejects.toMatchObject({
      message: expect.stringMatching(/^Could not update refs\/notes\/steward: Update is not a fast forward/),
      cause: { status: 422 },
    });
  });

  it('hashes blobs as git does', () => {
    expect(api.hashBlob).toBe(gitBlobSha);
    expect(api.hashBlob('')).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
  });
});

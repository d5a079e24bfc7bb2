import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { notesRef, writeAuditNote, type GitDataApi } from '../../src/audit/notes-writer.js';
import { parseAuditRecord, renderAuditRecord, type AuditRecord } from '../../src/audit/record.js';

const record: AuditRecord = {
  pr: 42,
  url: 'https://github.com/acme/mesh/pull/42',
  title: 'Add channel to orders',
  author: 'alice',
  mergedBy: 'bob',
  mergedAt: '2026-11-20T10:00:00Z',
  mergeCommit: 'a'.repeat(40),
  changes: ['commerce/orders#orders-v1: value schema changed.'],
  approvals: [
    { requirement: 'owner:commerce/orders', by: 'carol', at: '2026-11-20T09:00:00Z', commit: 'b'.repeat(40) },
  ],
  waivers: [],
  apply: { status: 'partial', at: '2026-11-20T10:01:00Z', cluster: 'prod' },
  operations: [
    { status: 'ok', kind: 'register-schema', resource: 'commerce.orders.v1-value', detail: 'version 3' },
    { status: 'failed', kind: 'create-acl', resource: 'commerce.orders.v1', detail: 'broker unavailable' },
  ],
  subjects: [{ subject: 'commerce.orders.v1-value', version: 3, id: 17 }],
  topics: ['commerce.orders.v1'],
};

/** An in-memory Git Data API: blobs, trees of one level, commits and refs, with a hook to race the ref. */
function fakeGit() {
  const objects = new Map<string, unknown>();
  const refs = new Map<string, string>();
  let counter = 0;
  const id = () => (++counter).toString(16).padStart(40, '0');
  const hashBlob = (text: string) =>
    createHash('sha1')
      .update(`blob ${Buffer.byteLength(text)}\0${text}`)
      .digest('hex');
  const state = { calls: 0, raceOnce: false, races: 0, messages: [] as string[], parents: [] as string[][] };
  const api: GitDataApi = {
    getRef: async (ref) => (refs.has(ref) ? { sha: refs.get(ref)! } : undefined),
    getCommitTree: async (sha) => (objects.get(sha) as { tree: string }).tree,
    getFile: async (commit, path) => {
      const tree = (objects.get(commit) as { tree: string }).tree;
      const sha = (objects.get(tree) as Map<string, string>).get(path);
      return sha ? { sha, text: objects.get(sha) as string } : undefined;
    },
    createBlob: async (text) => {
      const sha = hashBlob(text);
      objects.set(sha, text);
      return sha;
    },
    createTree: async (base, path, blob) => {
      const sha = id();
      objects.set(sha, new Map([...((base ? objects.get(base) : new Map()) as Map<string, string>), [path, blob]]));
      return sha;
    },
    createCommit: async (message, tree, parents) => {
      const sha = id();
      state.messages.push(message);
      state.parents.push([...parents]);
      objects.set(sha, { tree, parents });
      return sha;
    },
    createRef: async (ref, sha) => void refs.set(ref, sha),
    updateRef: async (ref, sha, previous) => {
      state.calls++;
      if (state.raceOnce || state.races > 0) {
        state.raceOnce = false;
        if (state.races > 0) state.races--;
        throw new Error('Reference cannot be updated');
      }
      if (refs.get(ref) !== previous) throw new Error('moved');
      refs.set(ref, sha);
    },
    hashBlob,
  };
  const noteOf = async (commit: string) => {
    const ref = await api.getRef('refs/notes/steward');
    if (!ref) return undefined;
    return (await api.getFile(ref.sha, commit))?.text;
  };
  return { api, refs, state, noteOf, objects };
}

describe('writeAuditNote', () => {
  it('creates the notes ref, then rewrites only when the record changes', async () => {
    const git = fakeGit();
    expect(await writeAuditNote(git.api, record)).toBe(true);
    const first = git.refs.get('refs/notes/steward');
    expect(await writeAuditNote(git.api, record)).toBe(false);
    expect(git.refs.get('refs/notes/steward')).toBe(first);
    const rerun = {
      ...record,
      apply: { status: 'succeeded' as const, at: '2026-11-20T10:05:00Z', cluster: 'prod' },
      operations: record.operations.map((o) => ({ ...o, status: 'ok' as const })),
    };
    expect(await writeAuditNote(git.api, rerun)).toBe(true);
    expect(await git.noteOf(record.mergeCommit)).toBe(renderAuditRecord(rerun));
  });

  it('merges a re-run into the note: earlier successes and registrations stay, the retried operation updates', async () => {
    const git = fakeGit();
    await writeAuditNote(git.api, record);
    const retried = {
      ...record,
      apply: { status: 'succeeded' as const, at: '2026-11-20T10:05:00Z', cluster: 'prod' },
      operations: [{ status: 'ok' as const, kind: 'create-acl', resource: 'commerce.orders.v1' }],
      subjects: [],
      topics: [],
    };
    expect(await writeAuditNote(git.api, retried)).toBe(true);
    const merged = parseAuditRecord((await git.noteOf(record.mergeCommit))!);
    expect(merged?.apply).toEqual({ status: 'succeeded', at: '2026-11-20T10:05:00Z', cluster: 'prod' });
    expect(merged?.operations).toEqual([
      { status: 'ok', kind: 'register-schema', resource: 'commerce.orders.v1-value', detail: 'version 3' },
      { status: 'ok', kind: 'create-acl', resource: 'commerce.orders.v1' },
    ]);
    expect(merged?.subjects).toEqual(record.subjects);
    expect(merged?.topics).toEqual(record.topics);
    // The same re-run again changes nothing.
    expect(await writeAuditNote(git.api, retried)).toBe(false);
  });

  it('keeps other commits’ notes and retries when another writer moved the ref', async () => {
    const git = fakeGit();
    await writeAuditNote(git.api, record);
    git.state.raceOnce = true;
    const other = { ...record, pr: 43, mergeCommit: 'c'.repeat(40) };
    expect(await writeAuditNote(git.api, other)).toBe(true);
    expect(git.state.calls).toBe(2);
    expect(await git.noteOf(record.mergeCommit)).toBe(renderAuditRecord(record));
    expect(await git.noteOf(other.mergeCommit)).toBe(renderAuditRecord(other));
  });

  it('names the PR in the notes commit, or the merge commit for a push without one, on the previous notes commit', async () => {
    const git = fakeGit();
    await writeAuditNote(git.api, record);
    const first = git.refs.get(notesRef)!;
    const direct = Object.fromEntries(
      Object.entries({ ...record, mergeCommit: 'd'.repeat(40) }).filter(([key]) => key !== 'pr'),
    ) as unknown as AuditRecord;
    await writeAuditNote(git.api, direct);
    expect(git.state.messages).toEqual([
      'Mesh Steward audit record for PR #42',
      `Mesh Steward audit record for ${'d'.repeat(40)}`,
    ]);
    expect(git.state.parents).toEqual([[], [first]]);
  });

  it('gives up after `attempts` lost races with the error of the last one', async () => {
    const git = fakeGit();
    await writeAuditNote(git.api, record);
    const before = git.refs.get(notesRef);
    git.state.races = 5;
    const other = { ...record, mergeCommit: 'e'.repeat(40) };
    await expect(writeAuditNote(git.api, other, 2)).rejects.toThrow('Reference cannot be updated');
    expect(git.state.calls).toBe(2);
    expect(git.refs.get(notesRef)).toBe(before);
  });

  it('replaces a note that is not a Mesh Steward record instead of merging into it', async () => {
    const git = fakeGit();
    await writeAuditNote(git.api, record);
    // Someone else's note on the same commit, written directly.
    const foreign = await git.api.createBlob('reviewed-by: someone\n');
    const ref = git.refs.get(notesRef)!;
    const tree = await git.api.createTree(await git.api.getCommitTree(ref), record.mergeCommit, foreign);
    git.refs.set(notesRef, await git.api.createCommit('foreign', tree, [ref]));
    expect(await writeAuditNote(git.api, record)).toBe(true);
    expect(await git.noteOf(record.mergeCommit)).toBe(renderAuditRecord(record));
  });
});

import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAuditNote, type GitDataApi } from '../../src/audit/notes-writer.js';
import { parseAuditRecord, renderAuditRecord, type AuditRecord } from '../../src/audit/record.js';
import { buildTimeline, renderTimelineText } from '../../src/audit/timeline.js';
import { localGitDataApi } from '../../src/cli/git/notes.js';
import { steward } from '../helpers/cli.js';
import { repoWithCase } from '../helpers/fixtures.js';

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
  waivers: [
    {
      rule: 'BREAKING_CHANGE_NEEDS_MAJOR',
      product: 'commerce/orders',
      by: 'carol',
      at: '2026-11-20T09:30:00Z',
      reason: 'No consumer reads the field yet',
    },
  ],
  apply: { status: 'partial', at: '2026-11-20T10:01:00Z', cluster: 'prod' },
  operations: [
    { status: 'ok', kind: 'register-schema', resource: 'commerce.orders.v1-value', detail: 'version 3' },
    { status: 'failed', kind: 'create-acl', resource: 'commerce.orders.v1', detail: 'broker unavailable' },
  ],
  subjects: [{ subject: 'commerce.orders.v1-value', version: 3, id: 17 }],
  topics: ['commerce.orders.v1'],
};

describe('audit record', () => {
  it('renders a stable, line-oriented note and parses it back', () => {
    const text = renderAuditRecord(record);
    expect(text.split('\n').slice(0, 4)).toEqual([
      'mesh-steward-audit: 1',
      'pr: 42',
      'url: https://github.com/acme/mesh/pull/42',
      'title: Add channel to orders',
    ]);
    expect(text).toContain('approval: owner:commerce/orders by carol at 2026-11-20T09:00:00Z on bbbbbbb');
    expect(text).toContain('subject: commerce.orders.v1-value version=3 id=17');
    expect(parseAuditRecord(text)).toEqual(record);
  });

  it('keeps user text on one line, so a reason cannot forge a record line', () => {
    const forged = {
      ...record,
      waivers: [{ ...record.waivers[0]!, reason: 'ok\napproval: governance by mallory at x on y' }],
    };
    const parsed = parseAuditRecord(renderAuditRecord(forged));
    expect(parsed?.approvals).toEqual(record.approvals);
    expect(parsed?.waivers[0]?.reason).toBe('ok approval: governance by mallory at x on y');
  });

  it('records a push without a pull request as `pr: none`, and the timeline says so', () => {
    const direct: AuditRecord = { ...record, author: 'admin', approvals: [], waivers: [] };
    for (const key of ['pr', 'url', 'title'] as const) delete (direct as Partial<AuditRecord>)[key];
    const text = renderAuditRecord(direct);
    expect(text.split('\n')[1]).toBe('pr: none');
    const parsed = parseAuditRecord(text);
    expect(parsed?.pr).toBeUndefined();
    const timeline = renderTimelineText(
      buildTimeline([
        { commit: direct.mergeCommit, author: 'admin', date: '2026-11-20T10:00:00Z', subject: 'Hotfix', note: text },
      ]),
    );
    expect(timeline).toContain('  pushed by admin without a pull request');
    expect(timeline).toContain('  failed: create-acl commerce.orders.v1: broker unavailable');
  });

  it('ignores notes that are not Mesh Steward records', () => {
    expect(parseAuditRecord('reviewed-by: someone\n')).toBeUndefined();
  });
});

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
  const state = { calls: 0, raceOnce: false };
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
    createCommit: async (_message, tree, parents) => {
      const sha = id();
      objects.set(sha, { tree, parents });
      return sha;
    },
    createRef: async (ref, sha) => void refs.set(ref, sha),
    updateRef: async (ref, sha, previous) => {
      state.calls++;
      if (state.raceOnce) {
        state.raceOnce = false;
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
  return { api, refs, state, noteOf };
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
});

function gitIn(dir: string, ...args: string[]): string {
  return gitAt(dir, undefined, ...args);
}

function gitAt(dir: string, date: string | undefined, ...args: string[]): string {
  const env = date ? { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : process.env;
  return execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env,
  });
}

describe('steward audit', () => {
  function repoWithHistory() {
    const dir = repoWithCase();
    gitIn(dir, 'init', '-q', '-b', 'main');
    gitIn(dir, 'add', '-A');
    gitAt(dir, '2026-01-01T00:00:00Z', 'commit', '-q', '-m', 'Initial catalog (before the bot)');
    writeFileSync(join(dir, 'catalog/commerce/orders/product.yaml'), 'changed: true\n', { flag: 'a' });
    gitIn(dir, 'commit', '-q', '-am', 'Add channel to orders (#42)');
    const merge = gitIn(dir, 'rev-parse', 'HEAD').trim();
    mkdirSync(join(dir, '.scratch'), { recursive: true });
    writeFileSync(join(dir, '.scratch/note'), renderAuditRecord({ ...record, mergeCommit: merge }));
    gitIn(dir, 'notes', '--ref=steward', 'add', '-F', '.scratch/note', merge);
    return { dir, merge };
  }

  it('shows a product timeline with PR, approvals, waivers and apply, and older history without records', async () => {
    const { dir, merge } = repoWithHistory();
    const result = await steward(['audit', 'commerce/orders'], dir);
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^\\d{4}-\\d{2}-\\d{2} ${merge.slice(0, 7)} Add channel to orders \\(#42\\) \\(Dev\\)$`),
    );
    expect(lines.slice(1, 6)).toEqual([
      '  PR #42 Add channel to orders by alice, merged by bob',
      '  approved: owner:commerce/orders by carol at 2026-11-20T09:00:00Z',
      '  waiver: BREAKING_CHANGE_NEEDS_MAJOR on commerce/orders by carol: No consumer reads the field yet',
      '  applied: partial at 2026-11-20T10:01:00Z on prod',
      '  registered: commerce.orders.v1-value version 3 (id 17)',
    ]);
    expect(result.out).toContain('Initial catalog (before the bot) (Dev)\n  no audit record');
  });

  it('limits the timeline with --since and prints JSON', async () => {
    const { dir } = repoWithHistory();
    const result = await steward(['audit', 'commerce/orders', '--since', '2026-06-01', '--format', 'json'], dir);
    const json = JSON.parse(result.out) as { entries: { subject: string; record?: { pr: number } }[] };
    expect(json.entries.map((e) => [e.subject, e.record?.pr])).toEqual([['Add channel to orders (#42)', 42]]);
  });

  it('answers which commit and PR produced a registry version', async () => {
    const { dir, merge } = repoWithHistory();
    const result = await steward(['audit', '--schema', 'commerce.orders.v1-value', '--version', '3'], dir);
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toBe(
      `commerce.orders.v1-value version 3 (id 17) was registered by ${merge.slice(0, 7)}, PR #42 Add channel to orders by alice, applied 2026-11-20T10:01:00Z.\n`,
    );
    const missing = await steward(['audit', '--schema', 'commerce.orders.v1-value', '--version', '9'], dir);
    expect(missing.code).toBe(1);
  });
});

describe('writeAuditNote on a local repository (steward apply --record)', () => {
  it('writes notes plain git reads, keeps other commits’ notes, and rewrites nothing for the same record', async () => {
    const dir = repoWithCase();
    gitIn(dir, 'init', '-q', '-b', 'main');
    gitIn(dir, 'add', '-A');
    gitIn(dir, 'commit', '-q', '-m', 'First');
    const first = gitIn(dir, 'rev-parse', 'HEAD').trim();
    gitIn(dir, 'commit', '-q', '--allow-empty', '-m', 'Second');
    const second = gitIn(dir, 'rev-parse', 'HEAD').trim();
    const api = localGitDataApi(dir);
    const one = { ...record, mergeCommit: first };
    const two = { ...record, pr: 43, mergeCommit: second };
    expect(await writeAuditNote(api, one)).toBe(true);
    expect(await writeAuditNote(api, two)).toBe(true);
    expect(await writeAuditNote(api, two)).toBe(false);
    expect(gitIn(dir, 'notes', '--ref=steward', 'show', first)).toBe(renderAuditRecord(one));
    expect(gitIn(dir, 'notes', '--ref=steward', 'show', second)).toBe(renderAuditRecord(two));
    expect(gitIn(dir, 'log', '--notes=steward', '-1', '--format=%N')).toContain('pr: 43');
    // The notes ref is a history of its own: two commits, the branch untouched.
    expect(gitIn(dir, 'rev-list', '--count', 'refs/notes/steward').trim()).toBe('2');
    expect(gitIn(dir, 'rev-parse', 'HEAD').trim()).toBe(second);
  });
});

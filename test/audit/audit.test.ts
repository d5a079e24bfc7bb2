import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAuditNote } from '../../src/audit/notes-writer.js';
import { renderAuditRecord, type AuditRecord } from '../../src/audit/record.js';
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

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, nulFields, runGit } from '../../../src/cli/git/run.js';
import { SourceError } from '../../../src/core/errors.js';

let repo = '';
/** A quote, a tab, a newline, a byte that is not UTF-8, and pathspec magic: git would quote or expand it. */
const odd = Buffer.concat([Buffer.from('"a\tb\n*'), Buffer.from([0xe9]), Buffer.from('.avsc')]);

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'steward-git-run-'));
  execFileSync('git', ['init', '-q'], { cwd: repo });
  writeFileSync(Buffer.concat([Buffer.from(`${repo}/`), odd]), 'x');
  writeFileSync(join(repo, 'plain.avsc'), 'y');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('runGit, the one way the CLI runs git', () => {
  it('returns -z output as bytes, so every name survives exactly', async () => {
    const names = nulFields(await runGit(repo, ['ls-files', '-z', '--others']));
    expect(names.map((n) => n.toString('hex')).sort()).toEqual(
      [odd, Buffer.from('plain.avsc')].map((n) => n.toString('hex')).sort(),
    );
  });

  it('reads pathspecs literally: `*` matches only a name holding it', async () => {
    const out = await git(repo, ['ls-files', '-z', '--others', '--', '*.avsc']);
    expect(out).toBe('');
  });

  it('passes input on stdin and trims one-value answers when asked', async () => {
    const sha = await git(repo, ['hash-object', '--stdin'], { input: 'hello\n', trim: true });
    expect(sha).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });

  it("fails with a SourceError naming the command and git's complaint", async () => {
    const failure = git(repo, ['rev-parse', '--verify', 'no-such-rev']);
    await expect(failure).rejects.toBeInstanceOf(SourceError);
    await expect(failure).rejects.toThrow(/^git rev-parse failed in .*: fatal: /);
  });
});

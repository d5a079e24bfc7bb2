import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileHistory } from '../../src/cli/git-history.js';
import { SourceError } from '../../src/core/errors.js';

let repo = '';
const shas: string[] = [];
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
};

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' }).trim();
}

function commit(file: string, text: string, message: string): void {
  mkdirSync(join(repo, file, '..'), { recursive: true });
  writeFileSync(join(repo, file), text);
  git('add', '-A');
  git('commit', '-q', '-m', message);
  shas.push(git('rev-parse', 'HEAD'));
}

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'steward-history-'));
  git('init', '-q', '-b', 'main');
  commit('catalog/orders/schemas/order.avsc', '"v1"\n', 'v1');
  commit('README.md', 'unrelated\n', 'unrelated change');
  commit('catalog/orders/schemas/order.avsc', '"v2"\n', 'v2');
  git('mv', 'catalog/orders/schemas/order.avsc', 'catalog/orders/schemas/order-v1.avsc');
  git('commit', '-q', '-m', 'rename');
  shas.push(git('rev-parse', 'HEAD'));
  commit('catalog/orders/schemas/order-v1.avsc', '"v3"\n', 'v3');
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('readFileHistory', () => {
  it('returns every version oldest first, following the rename, with the path at each commit', async () => {
    const history = await readFileHistory(repo, 'catalog/orders/schemas/order-v1.avsc');
    expect(history.map((h) => [h.commit, h.path, h.text])).toEqual([
      [shas[0], 'catalog/orders/schemas/order.avsc', '"v1"\n'],
      [shas[2], 'catalog/orders/schemas/order.avsc', '"v2"\n'],
      [shas[3], 'catalog/orders/schemas/order-v1.avsc', '"v2"\n'],
      [shas[4], 'catalog/orders/schemas/order-v1.avsc', '"v3"\n'],
    ]);
  });

  it('stops at the given revision', async () => {
    const history = await readFileHistory(repo, 'catalog/orders/schemas/order.avsc', shas[2]);
    expect(history.map((h) => h.text)).toEqual(['"v1"\n', '"v2"\n']);
  });

  it('reports an unknown revision as a source error', async () => {
    await expect(readFileHistory(repo, 'catalog/orders/schemas/order.avsc', 'no-such-rev')).rejects.toBeInstanceOf(
      SourceError,
    );
  });
});

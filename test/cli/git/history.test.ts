import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjectHistory } from '../../../src/catalog/schema-history.js';
import { readSchemaSnapshots } from '../../../src/cli/git/history.js';
import { SourceError } from '../../../src/core/errors.js';

let repo = '';
const shas: string[] = [];
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
};
const folder = 'catalog/orders/';
const order = `${folder}schemas/order.avsc`;
const renamed = `${folder}schemas/order-v1.avsc`;
/** A name git would quote without -z: a quote, a tab and a newline. */
const odd = `${folder}schemas/"odd\tname\n.avsc`;

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' }).trim();
}

function commit(message: string, files: Record<string, string> = {}): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(repo, file, '..'), { recursive: true });
    writeFileSync(join(repo, file), text);
  }
  git('add', '-A');
  git('commit', '-q', '-m', message);
  shas.push(git('rev-parse', 'HEAD'));
}

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'steward-history-'));
  git('init', '-q', '-b', 'main');
  commit('v1', { [order]: '"string"\n', [`${folder}product.yaml`]: 'a\n' });
  commit('unrelated change', { 'README.md': 'unrelated\n', [`${folder}product.yaml`]: 'b\n' });
  commit('v2', { [order]: '"int"\n' });
  git('mv', order, renamed);
  commit('rename');
  commit('odd name', { [odd]: '"boolean"\n' });
  // A file name that is not UTF-8 (a lone 0xff byte) must not break the reading either.
  writeFileSync(
    Buffer.concat([Buffer.from(join(repo, `${folder}schemas/`)), Buffer.from([0xff, 0x2e, 0x61, 0x76, 0x73, 0x63])]),
    '"bytes"\n',
  );
  commit('not utf-8');
  commit('v3', { [renamed]: '"long"\n' });
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('readSchemaSnapshots', () => {
  it('lists the schema files after every commit that changed one, oldest first, with the renames', async () => {
    const snapshots = await readSchemaSnapshots(repo, folder);
    // The commit that changed only README.md and product.yaml adds no snapshot.
    expect(snapshots.map((s) => s.commit)).toEqual([shas[0], shas[2], shas[3], shas[4], shas[5], shas[6]]);
    expect([...(snapshots[1]?.files ?? [])]).toEqual([[order, '"int"\n']]);
    expect(snapshots[2]?.renames).toEqual(new Map([[renamed, order]]));
    expect(snapshots[3]?.files.get(odd)).toBe('"boolean"\n');
    const notUtf8 = [...(snapshots[4]?.files.keys() ?? [])].filter((p) => p.includes('\uFFFD'));
    expect(notUtf8.map((p) => snapshots[4]?.files.get(p))).toEqual(['"bytes"\n']);
    expect(snapshots[5]?.files.get(renamed)).toBe('"long"\n');
  });

  it('gives a subject its versions, following its file back through the rename', async () => {
    const history = subjectHistory(await readSchemaSnapshots(repo, folder), renamed);
    expect(history.map((h) => [h.commit, h.path, h.text])).toEqual([
      [shas[0], order, '"string"\n'],
      [shas[2], order, '"int"\n'],
      [shas[3], renamed, '"int"\n'],
      [shas[6], renamed, '"long"\n'],
    ]);
  });

  it('stops at the given revision', async () => {
    const snapshots = await readSchemaSnapshots(repo, folder, shas[2]);
    expect(snapshots.map((s) => s.files.get(order))).toEqual(['"string"\n', '"int"\n']);
  });

  it('reports an unknown revision as a source error', async () => {
    await expect(readSchemaSnapshots(repo, folder, 'no-such-rev')).rejects.toBeInstanceOf(SourceError);
  });
});

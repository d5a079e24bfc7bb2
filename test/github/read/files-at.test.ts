import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { maxFileBytes } from '../../../src/core/source.js';
import { readFilesAt } from '../../../src/github/read/files-at.js';
import { API } from '../helpers/github.js';
import { useStrictNock } from '../helpers/nock.js';
import { BASE, HEAD, OWNER, REPO } from '../helpers/payloads.js';
import { testOctokit } from '../helpers/flow.js';

useStrictNock();

const gh = testOctokit();
const repo = { owner: OWNER, repo: REPO };
type Body = { query: string; variables: Record<string, string> };

const blob = (text: string | null, over: Record<string, unknown> = {}) => ({
  mode: 0o100644,
  object: { text, byteSize: text?.length ?? 10, isBinary: text === null, isTruncated: false, ...over },
});

/** Answers the one GraphQL query with `repository`, keeping what was asked. */
function answer(repository: unknown): Body[] {
  const asked: Body[] = [];
  nock(API)
    .post('/graphql')
    .reply(200, (_uri, body) => (asked.push(body as Body), { data: { repository } }));
  return asked;
}

describe('readFilesAt', () => {
  it('asks nothing when there is nothing to read, and gives one empty answer per request', async () => {
    const out = await readFilesAt(gh, repo, [
      { commit: HEAD, files: [], histories: [] },
      { commit: BASE, files: [], histories: [] },
    ]);
    expect(out).toEqual([
      { files: new Map(), history: new Map() },
      { files: new Map(), history: new Map() },
    ]);
    expect(await readFilesAt(gh, repo, [])).toEqual([]);
  });

  it('passes commits and paths as variables, never in the query text', async () => {
    const asked = answer({ c0: null, c1: null });
    const odd = 'catalog/a") { x } #/p.yaml';
    await readFilesAt(gh, repo, [
      { commit: HEAD, files: ['catalog/a/product.yaml', odd], histories: [] },
      { commit: BASE, files: [], histories: [{ folder: 'catalog/a', paths: ['catalog/a/s.avsc'] }] },
    ]);
    const [{ query, variables }] = asked as [Body];
    expect(variables).toEqual({
      owner: OWNER,
      name: REPO,
      c0: HEAD,
      c0f0: 'catalog/a/product.yaml',
      c0f1: odd,
      c1: BASE,
      c1h0: 'catalog/a',
      c1h0p0: 'catalog/a/s.avsc',
    });
    expect(query).not.toContain('catalog/');
    expect(query).toContain('$c1h0p0: String!');
    expect(query).toContain('c1h0: history(path: $c1h0, first: 100)');
    expect(query).toContain('p0: file(path: $c1h0p0)');
  });

  it('turns each kind of blob into its source entry; a missing file has none', async () => {
    answer({
      c0: {
        c0f0: blob('name: orders'),
        c0f1: {
          mode: 0o120000,
          object: { text: '../shared/x.avsc', byteSize: 16, isBinary: false, isTruncated: false },
        },
        c0f2: blob('x', { byteSize: maxFileBytes + 1 }),
        c0f3: blob('partial', { byteSize: 500, isTruncated: true }),
        c0f4: blob(null, { byteSize: 3 }),
        c0f5: null,
        c0f6: { mode: 0o100644, object: null },
        c0f7: blob('', { byteSize: maxFileBytes }),
      },
    });
    const paths = ['a.yaml', 'link', 'big', 'cut', 'bin', 'gone', 'empty-object', 'at-limit'];
    const [out] = await readFilesAt(gh, repo, [{ commit: HEAD, files: paths, histories: [] }]);
    expect([...out!.files]).toEqual([
      ['a.yaml', { kind: 'file', content: 'name: orders' }],
      ['link', { kind: 'symlink', target: '../shared/x.avsc' }],
      ['big', { kind: 'oversize', size: maxFileBytes + 1 }],
      ['cut', { kind: 'oversize', size: 500 }],
      ['bin', { kind: 'file', content: Uint8Array.of(0xff) }],
      ['at-limit', { kind: 'file', content: '' }],
    ]);
  });

  it('gives a folder history oldest first, each snapshot with the readable files that exist there', async () => {
    const file = (text: string | null, mode = 0o100644, isTruncated = false) => ({
      mode,
      object: { text, isTruncated },
    });
    answer({
      c0: {
        c0h0: {
          nodes: [
            { oid: 'new', p0: file('v3'), p1: file('k2') },
            { oid: 'mid', p0: file('v2'), p1: file('link', 0o120000) },
            { oid: 'old', p0: file('v1', 0o100644, true), p1: null },
            { oid: 'oldest', p0: file(null), p1: { mode: 0o100644, object: null } },
          ],
        },
        c0h1: null,
      },
    });
    const [out] = await readFilesAt(gh, repo, [
      {
        commit: HEAD,
        files: [],
        histories: [
          { folder: 'catalog/a', paths: ['catalog/a/v.avsc', 'catalog/a/k.avsc'] },
          { folder: 'catalog/b', paths: ['catalog/b/v.avsc'] },
        ],
      },
    ]);
    expect(out!.history).toEqual(
      new Map([
        [
          'catalog/a',
          [
            { commit: 'oldest', files: new Map() },
            { commit: 'old', files: new Map() },
            { commit: 'mid', files: new Map([['catalog/a/v.avsc', 'v2']]) },
            {
              commit: 'new',
              files: new Map([
                ['catalog/a/v.avsc', 'v3'],
                ['catalog/a/k.avsc', 'k2'],
              ]),
            },
          ],
        ],
        ['catalog/b', []],
      ]),
    );
  });

  it('keeps each commit’s answers apart, and reads an unknown commit or repository as empty', async () => {
    answer({ c0: { c0f0: blob('head text') }, c1: { c1f0: blob('base text') }, c2: null });
    const out = await readFilesAt(gh, repo, [
      { commit: HEAD, files: ['f'], histories: [] },
      { commit: BASE, files: ['f'], histories: [] },
      { commit: 'e'.repeat(40), files: ['f'], histories: [{ folder: 'x', paths: ['x/y'] }] },
    ]);
    expect(out.map((r) => [...r.files.values()])).toEqual([
      [{ kind: 'file', content: 'head text' }],
      [{ kind: 'file', content: 'base text' }],
      [],
    ]);
    expect(out[2]!.history).toEqual(new Map([['x', []]]));

    answer(null);
    const [none] = await readFilesAt(gh, repo, [{ commit: HEAD, files: ['f'], histories: [] }]);
    expect(none!.files.size).toBe(0);
  });

  it('says what it could not read when GitHub refuses the query', async () => {
    nock(API).post('/graphql').reply(502, { message: 'Bad Gateway' });
    await expect(readFilesAt(gh, repo, [{ commit: HEAD, files: ['f'], histories: [] }])).rejects.toThrow(
      /^Could not read changed files: /,
    );
  });
});

import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { readCatalogSources } from '../../../src/github/github-source.js';
import { API, tarball, text } from '../helpers/github.js';
import { useStrictNock } from '../helpers/nock.js';
import { BASE, HEAD, OWNER, REPO } from '../helpers/payloads.js';
import { baseTree, breakOrders, ORDER_SCHEMA } from '../helpers/trees.js';

useStrictNock();

const gh = new ProbotOctokit({ auth: { token: 't' }, retry: { enabled: false }, throttle: { enabled: false } });
const repo = { owner: OWNER, repo: REPO };
const MERGE_BASE = 'd'.repeat(40);
const gzip = { 'content-type': 'application/x-gzip' };

describe('readCatalogSources', () => {
  it('judges against the merge base and reads renames as a deletion plus an addition', async () => {
    const base = await baseTree();
    const head = breakOrders(base);
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/tarball/${HEAD}`)
      .reply(200, await tarball(head), gzip)
      .get(`/repos/${OWNER}/${REPO}/compare/${BASE}...${HEAD}`)
      .query({ per_page: 1 })
      .reply(200, {
        merge_base_commit: { sha: MERGE_BASE },
        files: [
          { filename: ORDER_SCHEMA, status: 'modified' },
          { filename: 'catalog/x/new.yaml', previous_filename: 'catalog/x/old.yaml', status: 'renamed' },
          { filename: 'src/unrelated.ts', status: 'modified' },
        ],
      })
      .post('/graphql', (body: { variables: Record<string, string> }) => body.variables['commit'] === MERGE_BASE)
      .reply(200, {
        data: {
          repository: {
            object: {
              f0: {
                mode: 33188,
                object: { text: text(base.get(ORDER_SCHEMA)), byteSize: 10, isBinary: false, isTruncated: false },
              },
              f1: { mode: 40960, object: { text: '../elsewhere', byteSize: 12, isBinary: false, isTruncated: false } },
              h0: {
                nodes: [
                  { oid: 'e'.repeat(40), file: { object: { text: 'v2' } } },
                  { oid: 'f'.repeat(40), file: null },
                ],
              },
            },
          },
        },
      });
    const sources = await readCatalogSources(gh, repo, BASE, HEAD);
    expect(sources.baseSha).toBe(MERGE_BASE);
    expect(sources.changed).toEqual([
      { status: 'modified', path: ORDER_SCHEMA },
      { status: 'deleted', path: 'catalog/x/old.yaml' },
      { status: 'added', path: 'catalog/x/new.yaml' },
    ]);
    expect(text(sources.base.get(ORDER_SCHEMA))).toBe(text(base.get(ORDER_SCHEMA)));
    expect(sources.base.get('catalog/x/old.yaml')).toEqual({ kind: 'symlink', target: '../elsewhere' });
    expect(sources.history.get(ORDER_SCHEMA)).toEqual([{ commit: 'e'.repeat(40), path: ORDER_SCHEMA, text: 'v2' }]);
    // Unchanged entries are shared, so the loader's cache reuses their products.
    expect(sources.base.get('catalog/commerce/domain.yaml')).toBe(sources.head.get('catalog/commerce/domain.yaml'));
  });

  it("reads the merge base's tarball when the compare is cut at 300 files: still a constant number of calls", async () => {
    const base = await baseTree();
    const head = breakOrders(base);
    const files = Array.from({ length: 300 }, (_, i) => ({ filename: `docs/f${i}.md`, status: 'modified' }));
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/tarball/${HEAD}`)
      .reply(200, await tarball(head), gzip)
      .get(`/repos/${OWNER}/${REPO}/compare/${BASE}...${HEAD}`)
      .query({ per_page: 1 })
      .reply(200, { merge_base_commit: { sha: MERGE_BASE }, files })
      .get(`/repos/${OWNER}/${REPO}/tarball/${MERGE_BASE}`)
      .reply(200, await tarball(base), gzip)
      .post('/graphql', (body: { variables: Record<string, string> }) => body.variables['h0'] === ORDER_SCHEMA)
      .reply(200, { data: { repository: { object: { h0: { nodes: [] } } } } });
    const sources = await readCatalogSources(gh, repo, BASE, HEAD);
    expect(sources.changed).toEqual([{ status: 'modified', path: ORDER_SCHEMA }]);
    expect(text(sources.base.get(ORDER_SCHEMA))).toBe(text(base.get(ORDER_SCHEMA)));
  });
});

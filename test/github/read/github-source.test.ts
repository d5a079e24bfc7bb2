import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/catalog/load.js';
import type { SourceEntry } from '../../../src/core/source.js';
import { readCatalogSources } from '../../../src/github/read/github-source.js';
import { API, graphqlAnswer, tarball, text } from '../helpers/github.js';
import { useStrictNock } from '../helpers/nock.js';
import { BASE, HEAD, OWNER, REPO } from '../helpers/payloads.js';
import { baseTree, breakOrders, ORDER_SCHEMA } from '../helpers/trees.js';
import { testOctokit } from '../helpers/flow.js';

useStrictNock();

const gh = testOctokit();
const repo = { owner: OWNER, repo: REPO };
const gzip = { 'content-type': 'application/x-gzip' };
const PR_BASE = 'd'.repeat(40);
type Vars = { variables: Record<string, string> };

describe('readCatalogSources', () => {
  it('judges against the merge base; the head is the base with the changed entries swapped', async () => {
    const base = await baseTree();
    const head = breakOrders(base);
    head.set('catalog/x/new.yaml', { kind: 'file', content: 'renamed' });
    base.set('catalog/x/old.yaml', { kind: 'file', content: 'renamed' });
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/compare/${PR_BASE}...${HEAD}`)
      .query({ per_page: 1 })
      .reply(200, {
        merge_base_commit: { sha: BASE },
        files: [
          { filename: ORDER_SCHEMA, status: 'modified' },
          { filename: 'catalog/x/new.yaml', previous_filename: 'catalog/x/old.yaml', status: 'renamed' },
          { filename: 'src/unrelated.ts', status: 'modified' },
        ],
      })
      .get(`/repos/${OWNER}/${REPO}/tarball/${BASE}`)
      .reply(200, await tarball(base), gzip)
      .post('/graphql', (body: Vars) => body.variables['c0'] === HEAD && body.variables['c1'] === BASE)
      .reply(200, (_uri, body) => ({ data: graphqlAnswer(base, head, (body as Vars).variables) }));
    const sources = await readCatalogSources(gh, repo, PR_BASE, HEAD);
    expect(sources.baseSha).toBe(BASE);
    expect(sources.changed).toEqual([
      { status: 'modified', path: ORDER_SCHEMA },
      { status: 'deleted', path: 'catalog/x/old.yaml' },
      { status: 'added', path: 'catalog/x/new.yaml' },
    ]);
    expect(text(sources.head.get(ORDER_SCHEMA))).toBe(text(head.get(ORDER_SCHEMA)));
    expect(text(sources.base.get(ORDER_SCHEMA))).toBe(text(base.get(ORDER_SCHEMA)));
    expect(sources.head.has('catalog/x/old.yaml')).toBe(false);
    expect(text(sources.head.get('catalog/x/new.yaml'))).toBe('renamed');
    // The history is the product folder's: every schema file of the product at each commit.
    const key = 'catalog/commerce/orders/schemas/order-key.avsc';
    expect(sources.history.get('commerce/orders')).toEqual([
      {
        commit: BASE,
        files: new Map([
          [key, text(base.get(key))],
          [ORDER_SCHEMA, text(base.get(ORDER_SCHEMA))],
        ]),
      },
    ]);
    // Unchanged entries are shared, so the loader's cache reuses their products.
    expect(sources.head.get('catalog/commerce/domain.yaml')).toBe(sources.base.get('catalog/commerce/domain.yaml'));
  });

  it('reads symlinks, truncated and binary blobs at the head as what they are', async () => {
    const base = await baseTree();
    const files = ['catalog/a/link.yaml', 'catalog/a/big.avsc', 'catalog/a/bin.avsc'];
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/compare/${PR_BASE}...${HEAD}`)
      .query({ per_page: 1 })
      .reply(200, { merge_base_commit: { sha: BASE }, files: files.map((filename) => ({ filename, status: 'added' })) })
      .get(`/repos/${OWNER}/${REPO}/tarball/${BASE}`)
      .reply(200, await tarball(base), gzip)
      .post('/graphql')
      .reply(200, {
        data: {
          repository: {
            c0: {
              c0f0: { mode: 40960, object: { text: '../../x', byteSize: 7, isBinary: false, isTruncated: false } },
              c0f1: { mode: 33188, object: { text: 'cut…', byteSize: 600_000, isBinary: false, isTruncated: true } },
              c0f2: { mode: 33188, object: { text: null, byteSize: 10, isBinary: true, isTruncated: false } },
            },
            c1: {},
          },
        },
      });
    const { head } = await readCatalogSources(gh, repo, PR_BASE, HEAD);
    expect(files.map((f) => head.get(f))).toEqual([
      { kind: 'symlink', target: '../../x' },
      { kind: 'oversize', size: 600_000 },
      { kind: 'file', content: Uint8Array.of(0xff) },
    ]);
  });

  it("reads the head's tarball too when the compare is cut at 300 files: still a constant number of calls", async () => {
    const base = await baseTree();
    const head = breakOrders(base);
    const files = Array.from({ length: 300 }, (_, i) => ({ filename: `docs/f${i}.md`, status: 'modified' }));
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/compare/${PR_BASE}...${HEAD}`)
      .query({ per_page: 1 })
      .reply(200, { merge_base_commit: { sha: BASE }, files })
      .get(`/repos/${OWNER}/${REPO}/tarball/${BASE}`)
      .reply(200, await tarball(base), gzip)
      .get(`/repos/${OWNER}/${REPO}/tarball/${HEAD}`)
      .reply(200, await tarball(head), gzip)
      .post('/graphql', (body: Vars) => body.variables['c0h0'] === 'catalog/commerce/orders')
      .reply(200, { data: { repository: { c0: { c0h0: { nodes: [] } } } } });
    const sources = await readCatalogSources(gh, repo, PR_BASE, HEAD);
    expect(sources.changed).toEqual([{ status: 'modified', path: ORDER_SCHEMA }]);
    expect(text(sources.head.get(ORDER_SCHEMA))).toBe(text(head.get(ORDER_SCHEMA)));
  });
});

describe("the App's sources", () => {
  it('keep catalog, rules and .github committed as links, so each is reported rather than silently missing', async () => {
    const tree = new Map<string, SourceEntry>([
      ['catalog', { kind: 'symlink', target: '/etc' }],
      ['rules', { kind: 'symlink', target: '../elsewhere' }],
      ['.github', { kind: 'symlink', target: '/tmp' }],
    ]);
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/compare/${BASE}...${HEAD}`)
      .query({ per_page: 1 })
      .reply(200, { merge_base_commit: { sha: BASE }, files: [] })
      .get(`/repos/${OWNER}/${REPO}/tarball/${BASE}`)
      .reply(200, await tarball(tree), { 'content-type': 'application/x-gzip' });
    const sources = await readCatalogSources(gh, { owner: OWNER, repo: REPO }, BASE, HEAD);
    const findings = loadCatalog(sources.base).findings;
    expect(findings.map((f) => [f.ruleId, f.location.path])).toEqual([
      ['SOURCE_SYMLINK', '.github'],
      ['SOURCE_SYMLINK', 'catalog'],
      ['SOURCE_SYMLINK', 'rules'],
    ]);
  });
});

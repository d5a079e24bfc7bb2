import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/catalog/load.js';
import type { SourceEntry } from '../../../src/core/source.js';
import { readCatalogSources } from '../../../src/github/read/github-source.js';
import { API, tarball } from '../helpers/github.js';
import { useStrictNock } from '../helpers/nock.js';
import { BASE, HEAD, OWNER, REPO } from '../helpers/payloads.js';

useStrictNock();

const gh = new ProbotOctokit({ auth: { token: 't' }, retry: { enabled: false }, throttle: { enabled: false } });

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

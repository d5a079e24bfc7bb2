import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { applyBranchOf, branchTip, findMergedPullRequest } from '../../../src/github/read/merged-commit.js';
import { API } from '../helpers/github.js';
import { mergedPullRequest, MERGE } from '../helpers/merge.js';
import { useStrictNock } from '../helpers/nock.js';
import { BASE, HEAD, OWNER, REPO } from '../helpers/payloads.js';
import { testOctokit } from '../helpers/flow.js';

useStrictNock();

const gh = testOctokit();
const repo = { owner: OWNER, repo: REPO };
const repoPath = `/repos/${OWNER}/${REPO}`;
const contents = (file: string) => new RegExp(`^${repoPath}/contents/\\.github(/|%2F)${file}\\?ref=trunk$`);
const file = (text: string) => ({ type: 'file', encoding: 'base64', content: Buffer.from(text).toString('base64') });
const settings = (extra: string) => `apiVersion: mesh-steward/v1\nkind: Settings\n${extra}`;

describe('applyBranchOf', () => {
  it("reads the applying branch from the default branch's steward.yml", async () => {
    nock(API)
      .get(contents('steward\\.yml'))
      .reply(200, file(settings('applyBranch: release\n')));
    expect(await applyBranchOf(gh, repo, 'trunk', false)).toBe('release');
  });

  it('is the default branch when the settings do not name one, or do not validate', async () => {
    nock(API)
      .get(contents('steward\\.yml'))
      .reply(200, file(settings('')));
    expect(await applyBranchOf(gh, repo, 'trunk', false)).toBe('trunk');
    nock(API)
      .get(contents('steward\\.yml'))
      .reply(200, file(settings('applyBranch: 42\n')));
    expect(await applyBranchOf(gh, repo, 'trunk', false)).toBe('trunk');
    nock(API).get(contents('steward\\.yml')).reply(200, file('applyBranch: [unclosed'));
    expect(await applyBranchOf(gh, repo, 'trunk', false)).toBe('trunk');
  });

  it('falls back to steward.yaml when steward.yml is missing or not a file', async () => {
    nock(API)
      .get(contents('steward\\.yml'))
      .reply(404, { message: 'Not Found' })
      .get(contents('steward\\.yaml'))
      .reply(200, file(settings('applyBranch: prod\n')));
    expect(await applyBranchOf(gh, repo, 'trunk', false)).toBe('prod');
    nock(API)
      .get(contents('steward\\.yml'))
      .reply(200, [{ type: 'file', name: 'x' }])
      .get(contents('steward\\.yaml'))
      .reply(200, file(settings('applyBranch: prod\n')));
    expect(await applyBranchOf(gh, repo, 'trunk', false)).toBe('prod');
  });

  it('without settings: undefined for a repository that is not a mesh, the default branch when required', async () => {
    const none = () =>
      nock(API)
        .get(contents('steward\\.yml'))
        .reply(404, { message: 'Not Found' })
        .get(contents('steward\\.yaml'))
        .reply(404, { message: 'Not Found' });
    none();
    expect(await applyBranchOf(gh, repo, 'trunk', false)).toBeUndefined();
    none();
    expect(await applyBranchOf(gh, repo, 'trunk', true)).toBe('trunk');
  });

  it('fails, saying what it read, on errors other than 404', async () => {
    nock(API).get(contents('steward\\.yml')).reply(500, { message: 'boom' });
    await expect(applyBranchOf(gh, repo, 'trunk', true)).rejects.toThrow(
      /^Could not read \.github\/steward\.yml: boom/,
    );
  });
});

describe('branchTip', () => {
  it('is the commit at the tip of the branch, or undefined for a branch that is gone', async () => {
    nock(API)
      .get(new RegExp(`^${repoPath}/git/ref/heads(/|%2F)main$`))
      .reply(200, { object: { sha: MERGE } })
      .get(new RegExp(`^${repoPath}/git/ref/heads(/|%2F)gone$`))
      .reply(404, { message: 'Not Found' });
    expect(await branchTip(gh, repo, 'main')).toBe(MERGE);
    expect(await branchTip(gh, repo, 'gone')).toBeUndefined();
  });

  it('fails on other errors', async () => {
    nock(API)
      .get(new RegExp(`^${repoPath}/git/ref/heads(/|%2F)main$`))
      .reply(502, { message: 'Bad Gateway' });
    await expect(branchTip(gh, repo, 'main')).rejects.toThrow(/^Could not read branch main: Bad Gateway/);
  });
});

describe('findMergedPullRequest', () => {
  it('is the merged pull request whose merge commit is the sha, among those GitHub lists', async () => {
    const open = { ...mergedPullRequest(), number: 2, merged_at: null, merge_commit_sha: MERGE };
    const other = { ...mergedPullRequest(), number: 3, merge_commit_sha: 'e'.repeat(40) };
    const merged = { ...mergedPullRequest(), user: { login: 'alice' } };
    nock(API).get(`${repoPath}/commits/${MERGE}/pulls`).reply(200, [open, other, merged]);
    const found = await findMergedPullRequest(gh, repo, MERGE);
    expect(found?.merged).toEqual({
      number: 1,
      url: `https://github.com/${OWNER}/${REPO}/pull/1`,
      title: 'Add channel to orders',
      author: 'alice',
      mergedAt: '2026-11-22T11:59:00Z',
      baseSha: BASE,
      headSha: HEAD,
    });
    expect(found?.ref).toMatchObject({ owner: OWNER, repo: REPO, number: 1, baseSha: BASE, headSha: HEAD });
  });

  it('names no author for a deleted account, and is undefined for a direct push', async () => {
    nock(API)
      .get(`${repoPath}/commits/${MERGE}/pulls`)
      .reply(200, [{ ...mergedPullRequest(), user: null }]);
    expect((await findMergedPullRequest(gh, repo, MERGE))?.merged.author).toBe('');
    const unmerged = { ...mergedPullRequest(), merged_at: null };
    nock(API).get(`${repoPath}/commits/${MERGE}/pulls`).reply(200, [unmerged]);
    expect(await findMergedPullRequest(gh, repo, MERGE)).toBeUndefined();
    nock(API).get(`${repoPath}/commits/${MERGE}/pulls`).reply(200, []);
    expect(await findMergedPullRequest(gh, repo, MERGE)).toBeUndefined();
  });
});

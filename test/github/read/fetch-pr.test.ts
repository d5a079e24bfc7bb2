import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { ExternalServiceError } from '../../../src/core/errors.js';
import { fetchPullRequest } from '../../../src/github/read/fetch-pr.js';
import { API } from '../helpers/github.js';
import { useStrictNock } from '../helpers/nock.js';
import { BASE, HEAD, OWNER, pullRequestData, REPO } from '../helpers/payloads.js';
import { testOctokit } from '../helpers/flow.js';

useStrictNock();

const gh = testOctokit();
const repo = { owner: OWNER, repo: REPO };

describe('fetchPullRequest', () => {
  it('reads the pull request by number and gives its reference', async () => {
    const data = pullRequestData({ number: 12, author: 'erin', fork: true, draft: true });
    data['requested_reviewers'] = [{ login: 'bob' }];
    nock(API).get(`/repos/${OWNER}/${REPO}/pulls/12`).reply(200, data);
    const pr = await fetchPullRequest(gh, repo, 12);
    expect(pr).toMatchObject({
      owner: OWNER,
      repo: REPO,
      number: 12,
      baseSha: BASE,
      headSha: HEAD,
      author: 'erin',
      fork: true,
      draft: true,
      requestedUsers: ['bob'],
    });
  });

  it('says which pull request it could not read', async () => {
    nock(API).get(`/repos/${OWNER}/${REPO}/pulls/3`).reply(404, { message: 'Not Found' });
    const read = fetchPullRequest(gh, repo, 3);
    await expect(read).rejects.toBeInstanceOf(ExternalServiceError);
    await expect(read).rejects.toThrow(/^Could not read pull request #3: Not Found/);
  });
});

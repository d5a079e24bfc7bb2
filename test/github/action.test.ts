import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { runAction } from '../../src/github/action.js';
import { API } from './helpers/github.js';
import { useStrictNock } from './helpers/nock.js';
import { commentEvent, OWNER, REPO } from './helpers/payloads.js';

useStrictNock();

const Octokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { ...(options['throttle'] as object), enabled: false },
}));

describe('GitHub Action entry', () => {
  it('handles the event of the job with the job token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-action-'));
    const path = join(dir, 'event.json');
    const payload = commentEvent('created', '/steward explain TOPIC_NAMING', 'bob');
    delete payload['installation'];
    writeFileSync(path, JSON.stringify(payload));
    const auth: string[] = [];
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/issues/1/comments`)
      .query(true)
      .reply(200, [])
      .post(`/repos/${OWNER}/${REPO}/issues/1/comments`)
      .reply(201, function () {
        auth.push(String(this.req.headers['authorization']));
        return { id: 1 };
      });
    await runAction({ GITHUB_TOKEN: 'ghs_job', GITHUB_EVENT_NAME: 'issue_comment', GITHUB_EVENT_PATH: path }, Octokit);
    expect(auth).toEqual(['token ghs_job']);
  });

  it('says what is missing when run outside Actions', async () => {
    await expect(runAction({}, Octokit)).rejects.toThrow(/GITHUB_EVENT_NAME/);
  });
});

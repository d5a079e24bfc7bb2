import { Probot, ProbotOctokit } from 'probot';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppState } from '../../../src/github/flows/pull-request.js';
import { registerPullRequest } from '../../../src/github/handlers/pull-request.js';
import { useStrictNock } from '../helpers/nock.js';
import { BASE, HEAD, OWNER, pullRequestEvent, REPO } from '../helpers/payloads.js';

const { evaluateAndPublish } = vi.hoisted(() => ({ evaluateAndPublish: vi.fn(() => Promise.resolve()) }));
vi.mock('../../../src/github/flows/pull-request.js', () => ({ evaluateAndPublish }));

useStrictNock();

const state = { marker: 'state' } as unknown as AppState;

async function probot(): Promise<Probot> {
  const p = new Probot({ githubToken: 't', logLevel: 'fatal', Octokit: ProbotOctokit });
  await p.load((app: Probot) => registerPullRequest(app, state));
  return p;
}

async function receive(payload: Record<string, unknown>): Promise<void> {
  await (await probot()).receive({ id: '1', name: 'pull_request', payload: payload as never });
}

beforeEach(() => evaluateAndPublish.mockClear());

describe('registerPullRequest', () => {
  it.each(['opened', 'synchronize', 'reopened', 'ready_for_review'])(
    'evaluates the pull request of a %s event, with the shared state and a logger',
    async (action) => {
      const payload = pullRequestEvent('opened', { number: 5, author: 'erin', draft: true });
      payload['action'] = action;
      await receive(payload);
      expect(evaluateAndPublish).toHaveBeenCalledTimes(1);
      const [gh, pr, passed, log] = evaluateAndPublish.mock.calls[0] as unknown as unknown[];
      expect(typeof (gh as { request?: unknown }).request).toBe('function');
      expect(pr).toMatchObject({
        owner: OWNER,
        repo: REPO,
        number: 5,
        baseSha: BASE,
        headSha: HEAD,
        author: 'erin',
        fork: false,
        draft: true,
      });
      expect(passed).toBe(state);
      expect(Object.keys(log as object).sort()).toEqual(['debug', 'error', 'info', 'warn']);
    },
  );

  it('ignores an edit of the title or body, and evaluates again when the base branch changed', async () => {
    const edited = pullRequestEvent('opened');
    edited['action'] = 'edited';
    edited['changes'] = { title: { from: 'Old title' }, body: { from: '' } };
    await receive(edited);
    expect(evaluateAndPublish).not.toHaveBeenCalled();
    delete edited['changes'];
    await receive(edited);
    expect(evaluateAndPublish).not.toHaveBeenCalled();
    edited['changes'] = { base: { ref: { from: 'develop' }, sha: { from: BASE } } };
    await receive(edited);
    expect(evaluateAndPublish).toHaveBeenCalledTimes(1);
  });

  it('ignores the other pull request actions', async () => {
    const closed = pullRequestEvent('opened');
    closed['action'] = 'closed';
    await receive(closed);
    expect(evaluateAndPublish).not.toHaveBeenCalled();
  });
});

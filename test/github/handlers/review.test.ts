import { Probot, ProbotOctokit } from 'probot';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppState } from '../../../src/github/flows/pull-request.js';
import { registerReview } from '../../../src/github/handlers/review.js';
import { useStrictNock } from '../helpers/nock.js';
import { HEAD, OWNER, REPO, reviewEvent } from '../helpers/payloads.js';

const { evaluateAndPublish } = vi.hoisted(() => ({ evaluateAndPublish: vi.fn(() => Promise.resolve()) }));
vi.mock('../../../src/github/flows/pull-request.js', () => ({ evaluateAndPublish }));

useStrictNock();

const state = { marker: 'state' } as unknown as AppState;

async function receive(payload: Record<string, unknown>): Promise<void> {
  const probot = new Probot({ githubToken: 't', logLevel: 'fatal', Octokit: ProbotOctokit });
  await probot.load((app: Probot) => registerReview(app, state));
  await probot.receive({ id: '1', name: 'pull_request_review', payload: payload as never });
}

beforeEach(() => evaluateAndPublish.mockClear());

describe('registerReview', () => {
  it.each(['submitted', 'dismissed', 'edited'])('evaluates the reviewed pull request on %s', async (action) => {
    const payload = reviewEvent('submitted', { number: 3, fork: true });
    payload['action'] = action;
    await receive(payload);
    expect(evaluateAndPublish).toHaveBeenCalledTimes(1);
    const [, pr, passed] = evaluateAndPublish.mock.calls[0] as unknown as unknown[];
    expect(pr).toMatchObject({ owner: OWNER, repo: REPO, number: 3, headSha: HEAD, fork: true });
    expect(passed).toBe(state);
  });

  it('ignores other review actions', async () => {
    const payload = reviewEvent('submitted');
    payload['action'] = 'requested';
    await receive(payload);
    expect(evaluateAndPublish).not.toHaveBeenCalled();
  });
});

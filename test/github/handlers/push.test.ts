import { Probot, ProbotOctokit } from 'probot';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppState } from '../../../src/github/flows/pull-request.js';
import { registerPush } from '../../../src/github/handlers/push.js';
import type { ApplyTarget } from '../../../src/github/read/apply-target.js';
import { useStrictNock } from '../helpers/nock.js';
import { OWNER, pushEvent, REPO } from '../helpers/payloads.js';

const mocks = vi.hoisted(() => ({
  applyMergedCommit: vi.fn(() => Promise.resolve()),
  applyBranchOf: vi.fn((..._args: unknown[]) => Promise.resolve<string | undefined>('main')),
}));
vi.mock('../../../src/github/flows/merge.js', () => ({ applyMergedCommit: mocks.applyMergedCommit }));
vi.mock('../../../src/github/read/merged-commit.js', () => ({ applyBranchOf: mocks.applyBranchOf }));

useStrictNock();

const SHA = 'd'.repeat(40);
const target = { repository: `${OWNER}/${REPO}`, name: 'c', connect: () => ({}) as never } as ApplyTarget;

async function receive(payload: Record<string, unknown>, on: { target?: ApplyTarget } = { target }) {
  const state = { target: on.target } as AppState;
  const probot = new Probot({ githubToken: 't', logLevel: 'fatal', Octokit: ProbotOctokit });
  await probot.load((app: Probot) => registerPush(app, state));
  await probot.receive({ id: '1', name: 'push', payload: payload as never });
  return state;
}

beforeEach(() => {
  mocks.applyMergedCommit.mockClear();
  mocks.applyBranchOf.mockClear();
  mocks.applyBranchOf.mockImplementation(() => Promise.resolve('main'));
});

describe('registerPush', () => {
  it('applies a push to the applying branch, as the sender pushed it', async () => {
    const state = await receive(pushEvent(SHA, 'main', 'bob'));
    expect(mocks.applyBranchOf).toHaveBeenCalledWith(
      expect.anything(),
      { owner: OWNER, repo: REPO },
      'main',
      true,
      expect.anything(),
    );
    expect(mocks.applyMergedCommit).toHaveBeenCalledTimes(1);
    const [, push, passed] = mocks.applyMergedCommit.mock.calls[0] as unknown as unknown[];
    expect(push).toEqual({ owner: OWNER, repo: REPO, sha: SHA, pusher: 'bob', branch: 'main' });
    expect(passed).toBe(state);
  });

  it("names the pusher when the event has no sender, and keeps a branch name's slashes", async () => {
    mocks.applyBranchOf.mockImplementation(() => Promise.resolve('release/2026'));
    const payload = pushEvent(SHA, 'release/2026');
    delete payload['sender'];
    payload['pusher'] = { name: 'deploy-bot' };
    await receive(payload);
    expect(mocks.applyMergedCommit.mock.calls[0]).toEqual([
      expect.anything(),
      { owner: OWNER, repo: REPO, sha: SHA, pusher: 'deploy-bot', branch: 'release/2026' },
      expect.anything(),
      expect.anything(),
    ]);
  });

  it('does not require settings from a repository that is not the apply target', async () => {
    mocks.applyBranchOf.mockImplementation(() => Promise.resolve(undefined));
    await receive(pushEvent(SHA), { target: { ...target, repository: 'acme/other' } });
    expect(mocks.applyBranchOf.mock.calls[0]?.[3]).toBe(false);
    expect(mocks.applyMergedCommit).not.toHaveBeenCalled();
    await receive(pushEvent(SHA), {});
    expect(mocks.applyBranchOf.mock.calls[1]?.[3]).toBe(false);
  });

  it('leaves a push to another branch alone after reading which branch applies', async () => {
    await receive(pushEvent(SHA, 'feature/x'));
    expect(mocks.applyBranchOf).toHaveBeenCalledTimes(1);
    expect(mocks.applyMergedCommit).not.toHaveBeenCalled();
  });

  it('ignores tags, deleted branches and an all-zero after without reading anything', async () => {
    const tag = pushEvent(SHA);
    tag['ref'] = 'refs/tags/v1';
    const deleted = pushEvent(SHA);
    deleted['deleted'] = true;
    const zero = pushEvent('0'.repeat(40));
    for (const payload of [tag, deleted, zero]) await receive(payload);
    expect(mocks.applyBranchOf).not.toHaveBeenCalled();
    expect(mocks.applyMergedCommit).not.toHaveBeenCalled();
  });
});

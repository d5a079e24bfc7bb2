import { Probot, ProbotOctokit } from 'probot';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppState } from '../../../src/github/flows/pull-request.js';
import { registerCheckRun } from '../../../src/github/handlers/check-run.js';
import type { ApplyTarget } from '../../../src/github/read/apply-target.js';
import { useStrictNock } from '../helpers/nock.js';
import { checkRunEvent, checkSuiteEvent, OWNER, REPO } from '../helpers/payloads.js';

const mocks = vi.hoisted(() => ({
  evaluateAndPublish: vi.fn((..._args: unknown[]) => Promise.resolve()),
  applyMergedCommit: vi.fn((..._args: unknown[]) => Promise.resolve()),
  ensureCommitCheckRun: vi.fn((..._args: unknown[]) => Promise.resolve()),
  applyBranchOf: vi.fn((..._args: unknown[]) => Promise.resolve<string | undefined>('main')),
  branchTip: vi.fn((..._args: unknown[]) => Promise.resolve<string | undefined>(SHA)),
  fetchPullRequest: vi.fn((...args: unknown[]) => Promise.resolve({ fetched: args[2] })),
}));
const SHA = vi.hoisted(() => 'd'.repeat(40));
vi.mock('../../../src/github/flows/pull-request.js', () => ({ evaluateAndPublish: mocks.evaluateAndPublish }));
vi.mock('../../../src/github/flows/merge.js', () => ({ applyMergedCommit: mocks.applyMergedCommit }));
vi.mock('../../../src/github/publish/ensure.js', () => ({ ensureCommitCheckRun: mocks.ensureCommitCheckRun }));
vi.mock('../../../src/github/read/merged-commit.js', () => ({
  applyBranchOf: mocks.applyBranchOf,
  branchTip: mocks.branchTip,
}));
vi.mock('../../../src/github/read/fetch-pr.js', () => ({ fetchPullRequest: mocks.fetchPullRequest }));

useStrictNock();

const repo = { owner: OWNER, repo: REPO };
const target = { repository: `${OWNER}/${REPO}`, name: 'c', connect: () => ({}) as never } as ApplyTarget;
const APPLY = 'Mesh Steward / apply';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function receive(name: 'check_run' | 'check_suite', payload: Json, on: { target?: ApplyTarget } = { target }) {
  const state = { target: on.target } as AppState;
  const probot = new Probot({ githubToken: 't', logLevel: 'fatal', Octokit: ProbotOctokit });
  await probot.load((app: Probot) => registerCheckRun(app, state));
  await probot.receive({ id: '1', name, payload: payload as never });
  return state;
}

function applyRun(): Json {
  const event = checkRunEvent(APPLY, []);
  event['check_run'].head_sha = SHA;
  event['repository'].default_branch = 'trunk';
  return event;
}

function suite(prs: number[], branch: string | null = 'main'): Json {
  const event = checkSuiteEvent(prs);
  event['check_suite'].head_sha = SHA;
  event['check_suite'].head_branch = branch;
  return event;
}

const evaluated = () => mocks.evaluateAndPublish.mock.calls.map((c) => c[1]);
const nothingDone = () =>
  expect(
    [mocks.evaluateAndPublish, mocks.applyMergedCommit, mocks.ensureCommitCheckRun].map((m) => m.mock.calls),
  ).toEqual([[], [], []]);

beforeEach(() => {
  Object.values(mocks).forEach((m) => m.mockClear());
  mocks.applyBranchOf.mockImplementation(() => Promise.resolve('main'));
  mocks.branchTip.mockImplementation(() => Promise.resolve(SHA));
});

describe('check_run.rerequested on the apply run', () => {
  it("applies the commit again while it is the applying branch's tip, as the re-runner", async () => {
    const event = applyRun();
    const state = await receive('check_run', event);
    expect(mocks.applyBranchOf).toHaveBeenCalledWith(expect.anything(), repo, 'trunk', true, expect.anything());
    expect(mocks.branchTip).toHaveBeenCalledWith(expect.anything(), repo, 'main');
    const [, push, passed] = mocks.applyMergedCommit.mock.calls[0] ?? [];
    expect(push).toEqual({ ...repo, sha: SHA, pusher: event['sender'].login, branch: 'main' });
    expect(passed).toBe(state);
    expect(mocks.ensureCommitCheckRun).not.toHaveBeenCalled();
  });

  it('says a superseded commit is not applied again, against the run the event came from', async () => {
    const tip = 'e'.repeat(40);
    mocks.branchTip.mockImplementation(() => Promise.resolve(tip));
    const event = applyRun();
    await receive('check_run', event);
    expect(mocks.applyMergedCommit).not.toHaveBeenCalled();
    expect(mocks.ensureCommitCheckRun).toHaveBeenCalledWith(
      expect.anything(),
      { ...repo, sha: SHA },
      APPLY,
      {
        conclusion: 'neutral',
        title: 'Superseded: not applied again',
        summary: `This commit is no longer the tip of \`main\` (now ${tip}); applying it again would undo later merges. The latest commit's own apply run converges the cluster: re-run that one.`,
      },
      event['check_run'],
    );
  });

  it('says so without a tip when the applying branch is gone', async () => {
    mocks.branchTip.mockImplementation(() => Promise.resolve(undefined));
    await receive('check_run', applyRun());
    const output = mocks.ensureCommitCheckRun.mock.calls[0]?.[3] as { summary: string };
    expect(output.summary).toMatch(/^This commit is no longer the tip of `main`; applying it again/);
  });

  it('does nothing in a repository that is not the apply target', async () => {
    await receive('check_run', applyRun(), { target: { ...target, repository: 'acme/other' } });
    await receive('check_run', applyRun(), {});
    expect(mocks.applyBranchOf).not.toHaveBeenCalled();
    nothingDone();
  });
});

describe('check_run.rerequested on a pull request check', () => {
  it('re-evaluates each listed pull request, as it is now, in order', async () => {
    await receive('check_run', checkRunEvent('Mesh Steward / checks', [3, 4], '9'));
    expect(mocks.fetchPullRequest.mock.calls.map((c) => [c[1], c[2]])).toEqual([
      [repo, 3],
      [repo, 4],
    ]);
    expect(evaluated()).toEqual([{ fetched: 3 }, { fetched: 4 }]);
  });

  it("falls back to the pull request number a fork's run keeps in its external id", async () => {
    await receive('check_run', checkRunEvent('Mesh Steward / approvals', [], '12'));
    expect(evaluated()).toEqual([{ fetched: 12 }]);
  });

  it.each(['', '0', '012', '12a', '-1'])('ignores an external id %j that is no pull request number', async (id) => {
    await receive('check_run', checkRunEvent('Mesh Steward / checks', [], id));
    nothingDone();
  });

  it("ignores other apps' checks", async () => {
    await receive('check_run', checkRunEvent('CI / build', [3], '3'));
    expect(mocks.fetchPullRequest).not.toHaveBeenCalled();
    nothingDone();
  });
});

describe('check_suite.rerequested', () => {
  it('re-applies a suite of the applying branch that lists no pull request, while its commit is the tip', async () => {
    await receive('check_suite', suite([]));
    expect(mocks.applyMergedCommit.mock.calls[0]?.[1]).toMatchObject({ ...repo, sha: SHA });
  });

  it('says a superseded suite commit is not applied, with no run to compare against', async () => {
    mocks.branchTip.mockImplementation(() => Promise.resolve('e'.repeat(40)));
    await receive('check_suite', suite([]));
    expect(mocks.ensureCommitCheckRun.mock.calls[0]?.[4]).toBeUndefined();
    expect(mocks.applyMergedCommit).not.toHaveBeenCalled();
  });

  it('leaves a suite of another branch alone, without reading its tip', async () => {
    await receive('check_suite', suite([], 'feature/x'));
    expect(mocks.applyBranchOf).toHaveBeenCalledTimes(1);
    expect(mocks.branchTip).not.toHaveBeenCalled();
    nothingDone();
  });

  it('re-evaluates the pull requests a suite lists, and nothing for a bare suite outside the target', async () => {
    await receive('check_suite', suite([5, 6]));
    expect(evaluated()).toEqual([{ fetched: 5 }, { fetched: 6 }]);
    expect(mocks.applyBranchOf).not.toHaveBeenCalled();
    mocks.evaluateAndPublish.mockClear();
    await receive('check_suite', suite([]), {});
    await receive('check_suite', suite([], null));
    expect(mocks.applyBranchOf).not.toHaveBeenCalled();
    nothingDone();
  });
});

import { Probot, ProbotOctokit } from 'probot';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppState } from '../../../src/github/flows/pull-request.js';
import { registerCheckRun } from '../../../src/github/handlers/check-run.js';
import { registerPush } from '../../../src/github/handlers/push.js';
import type { ApplyTarget } from '../../../src/github/read/apply-target.js';
import { environmentsOf } from '../../../src/catalog/environments.js';
import { mockSettings } from '../helpers/merge.js';
import { useStrictNock } from '../helpers/nock.js';
import { checkRunEvent, checkSuiteEvent, OWNER, pushEvent, REPO } from '../helpers/payloads.js';
import { baseTree, edit } from '../helpers/trees.js';

const SHA = vi.hoisted(() => 'd'.repeat(40));
const mocks = vi.hoisted(() => ({
  applyMergedCommit: vi.fn((..._args: unknown[]) => Promise.resolve()),
  ensureCommitCheckRun: vi.fn((..._args: unknown[]) => Promise.resolve()),
  branchTip: vi.fn((..._args: unknown[]) => Promise.resolve<string | undefined>(SHA)),
}));
vi.mock('../../../src/github/flows/merge.js', () => ({ applyMergedCommit: mocks.applyMergedCommit }));
vi.mock('../../../src/github/publish/ensure.js', () => ({ ensureCommitCheckRun: mocks.ensureCommitCheckRun }));
vi.mock('../../../src/github/read/merged-commit.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/github/read/merged-commit.js')>()),
  branchTip: mocks.branchTip,
}));

useStrictNock();

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const target: ApplyTarget = { repository: `${OWNER}/${REPO}`, env: {} };

/** The default branch's settings: staging on main, prod on release after staging. */
async function settingsTree() {
  return edit(
    await baseTree(),
    '.github/steward.yml',
    (t) => `${t}environments:
  - name: staging
    branch: main
    kafka: { brokers: STAGING_KAFKA_BROKERS }
    registry: { url: STAGING_REGISTRY_URL }
  - name: prod
    branch: release
    after: staging
    kafka: { brokers: PROD_KAFKA_BROKERS }
    registry: { url: PROD_REGISTRY_URL }
`,
  );
}

async function probot(register: (app: Probot, state: AppState) => void) {
  const state = { target } as AppState;
  const app = new Probot({ githubToken: 't', logLevel: 'fatal', Octokit: ProbotOctokit });
  await app.load((a: Probot) => register(a, state));
  return app;
}

const pushed = () => mocks.applyMergedCommit.mock.calls.map((c) => c[1] as Json);

beforeEach(() => {
  Object.values(mocks).forEach((m) => m.mockClear());
  mocks.branchTip.mockImplementation(() => Promise.resolve(SHA));
});

describe('promotion events', () => {
  it('a push to a branch only an environment applies promotes it, with the default branch’s settings', async () => {
    mockSettings(await settingsTree());
    const app = await probot(registerPush);
    await app.receive({ id: '1', name: 'push', payload: pushEvent(SHA, 'release', 'bob') as never });
    expect(pushed()).toHaveLength(1);
    const push = pushed()[0];
    expect(push).toMatchObject({ sha: SHA, pusher: 'bob', branch: 'release' });
    expect(environmentsOf(push?.['settings']).map((e) => `${e.name}@${e.branch}`)).toEqual([
      'staging@main',
      'prod@release',
    ]);
  });

  it('a push to a branch no environment applies (and not the applying branch) is left alone', async () => {
    mockSettings(await settingsTree());
    const app = await probot(registerPush);
    await app.receive({ id: '1', name: 'push', payload: pushEvent(SHA, 'feature/x', 'bob') as never });
    expect(pushed()).toEqual([]);
  });

  it('Re-run on `Mesh Steward / apply (prod)` re-applies from prod’s branch while the commit is its tip', async () => {
    mockSettings(await settingsTree());
    const app = await probot(registerCheckRun);
    const event = checkRunEvent('Mesh Steward / apply (prod)', []);
    event['check_run'].head_sha = SHA;
    event['repository'].default_branch = 'main';
    await app.receive({ id: '1', name: 'check_run', payload: event as never });
    expect(mocks.branchTip).toHaveBeenCalledWith(expect.anything(), { owner: OWNER, repo: REPO }, 'release');
    expect(pushed()).toEqual([expect.objectContaining({ sha: SHA, branch: 'release' })]);
    expect(environmentsOf(pushed()[0]?.['settings'])).toHaveLength(2);
  });

  it('a superseded environment run says so under its own name and applies nothing', async () => {
    mockSettings(await settingsTree());
    mocks.branchTip.mockImplementation(() => Promise.resolve('e'.repeat(40)));
    const app = await probot(registerCheckRun);
    const event = checkRunEvent('Mesh Steward / apply (prod)', []);
    event['check_run'].head_sha = SHA;
    event['repository'].default_branch = 'main';
    await app.receive({ id: '1', name: 'check_run', payload: event as never });
    expect(pushed()).toEqual([]);
    expect(mocks.ensureCommitCheckRun).toHaveBeenCalledWith(
      expect.anything(),
      { owner: OWNER, repo: REPO, sha: SHA },
      'Mesh Steward / apply (prod)',
      expect.objectContaining({ conclusion: 'neutral', title: 'Superseded: not applied again' }),
      expect.anything(),
    );
  });

  it('Re-run all checks on a suite of an environment’s branch resumes the promotion of its tip', async () => {
    mockSettings(await settingsTree());
    const app = await probot(registerCheckRun);
    const event = checkSuiteEvent([]);
    event['check_suite'].head_sha = SHA;
    event['check_suite'].head_branch = 'release';
    event['repository'].default_branch = 'main';
    await app.receive({ id: '1', name: 'check_suite', payload: event as never });
    expect(mocks.branchTip).toHaveBeenCalledWith(expect.anything(), { owner: OWNER, repo: REPO }, 'release');
    expect(pushed()).toEqual([expect.objectContaining({ sha: SHA, branch: 'release' })]);
  });
});

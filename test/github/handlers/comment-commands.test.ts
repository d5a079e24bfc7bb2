import { Probot, ProbotOctokit } from 'probot';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppState } from '../../../src/github/flows/pull-request.js';
import { registerCommentCommands } from '../../../src/github/handlers/comment-commands.js';
import { renderExplanation, renderUsage } from '../../../src/render/explain.js';
import { useStrictNock } from '../helpers/nock.js';
import { comment, commentEvent, OWNER, REPO } from '../helpers/payloads.js';

const mocks = vi.hoisted(() => ({
  evaluateAndPublish: vi.fn((..._args: unknown[]) => Promise.resolve()),
  ensureReply: vi.fn((..._args: unknown[]) => Promise.resolve()),
  listComments: vi.fn((..._args: unknown[]) => Promise.resolve([{ id: 99 }])),
  fetchPullRequest: vi.fn((..._args: unknown[]) => Promise.resolve({ number: 1, fetched: true })),
}));
vi.mock('../../../src/github/flows/pull-request.js', () => ({ evaluateAndPublish: mocks.evaluateAndPublish }));
vi.mock('../../../src/github/publish/ensure.js', () => ({ ensureReply: mocks.ensureReply }));
vi.mock('../../../src/github/read/gather.js', () => ({ listComments: mocks.listComments }));
vi.mock('../../../src/github/read/fetch-pr.js', () => ({ fetchPullRequest: mocks.fetchPullRequest }));

useStrictNock();

const state = { marker: 'state' } as unknown as AppState;
const thread = { owner: OWNER, repo: REPO, number: 1 };

async function receive(payload: Record<string, unknown>): Promise<void> {
  const probot = new Probot({ githubToken: 't', logLevel: 'fatal', Octokit: ProbotOctokit });
  await probot.load((app: Probot) => registerCommentCommands(app, state));
  await probot.receive({ id: '1', name: 'issue_comment', payload: payload as never });
}

const touched = () => Object.values(mocks).filter((m) => m.mock.calls.length > 0).length;

beforeEach(() => Object.values(mocks).forEach((m) => m.mockClear()));

describe('registerCommentCommands', () => {
  it('answers explain with the rule, replying once to the listed thread, and evaluates nothing', async () => {
    const event = commentEvent('created', '/steward explain TOPIC_NAMING', 'bob');
    await receive(event);
    expect(mocks.listComments).toHaveBeenCalledWith(expect.anything(), thread);
    expect(mocks.ensureReply).toHaveBeenCalledWith(
      expect.anything(),
      thread,
      [{ id: 99 }],
      event['comment'],
      renderExplanation('TOPIC_NAMING'),
    );
    expect(mocks.evaluateAndPublish).not.toHaveBeenCalled();
  });

  it('answers an unknown command with the usage', async () => {
    await receive(commentEvent('created', '/steward frobnicate', 'bob'));
    expect(mocks.ensureReply.mock.calls[0]?.[4]).toBe(renderUsage());
    // explain without a well-formed rule id is unknown too.
    await receive(commentEvent('created', '/steward explain lower-case', 'bob'));
    expect(mocks.ensureReply.mock.calls[1]?.[4]).toBe(renderUsage());
  });

  it('lists every command it understands in the usage, /steward drift too', () => {
    for (const command of ['recheck', 'explain <RULE_ID>', 'accept-breaking <reason>', 'drift'])
      expect(renderUsage()).toContain(`\`/steward ${command}\``);
  });

  it.each(['/steward recheck', '/steward accept-breaking consumers migrated'])(
    'evaluates the pull request as it is now on %s',
    async (body) => {
      await receive(commentEvent('created', body, 'bob'));
      expect(mocks.fetchPullRequest).toHaveBeenCalledWith(expect.anything(), { owner: OWNER, repo: REPO }, 1);
      const [, pr, passed] = mocks.evaluateAndPublish.mock.calls[0] ?? [];
      expect(pr).toEqual({ number: 1, fetched: true });
      expect(passed).toBe(state);
      expect(mocks.ensureReply).not.toHaveBeenCalled();
    },
  );

  it('ignores comments that are no command, on an issue, edited, by a bot or by a deleted account', async () => {
    await receive(commentEvent('created', 'looks good to me', 'bob'));
    const onIssue = commentEvent('created', '/steward recheck', 'bob');
    delete onIssue['issue'].pull_request;
    await receive(onIssue);
    await receive(commentEvent('created', '/steward recheck', 'bob', true));
    const byBot = commentEvent('created', '/steward recheck', 'ci[bot]');
    byBot['comment'] = comment(7, '/steward recheck', 'ci[bot]', false, 'Bot');
    await receive(byBot);
    const orphan = commentEvent('created', '/steward recheck', 'bob');
    orphan['comment'].user = null;
    await receive(orphan);
    expect(touched()).toBe(0);
  });

  it('never acts on an edited event, even of a command', async () => {
    const edited = commentEvent('created', '/steward recheck', 'bob');
    edited['action'] = 'edited';
    await receive(edited);
    expect(touched()).toBe(0);
  });
});

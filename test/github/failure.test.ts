import { Writable } from 'node:stream';
import nock from 'nock';
import { pino } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { ExternalServiceError } from '../../src/core/errors.js';
import { errorAnnotation } from '../../src/github/action.js';
import { createApp } from '../../src/github/app.js';
import { eventFields, HandlerFailure, reportThenRethrow, rootMessage } from '../../src/github/failure.js';
import { API } from './helpers/github.js';
import { useStrictNock } from './helpers/nock.js';
import { BASE, HEAD, OWNER, REPO, pullRequestEvent } from './helpers/payloads.js';

describe('rootMessage', () => {
  it('is the deepest of our typed errors, which already ends with the library detail', () => {
    const library = new Error('getaddrinfo ENOTFOUND api.github.com', { cause: new Error('dns') });
    const typed = new ExternalServiceError('GitHub', 'Could not compare commits: getaddrinfo ENOTFOUND', {
      retryable: true,
      cause: library,
    });
    expect(rootMessage(new Error('outer', { cause: typed }))).toBe('Could not compare commits: getaddrinfo ENOTFOUND');
  });

  it('walks a chain without typed errors to its end, on one line, with URLs reduced to their origin', () => {
    const error = new TypeError('fetch failed', {
      cause: new Error('refused\nby https://u:p@registry.example:8081/t?api_key=secret'),
    });
    expect(rootMessage(error)).toBe('refused by https://registry.example:8081');
  });

  it("gives each root of Probot's AggregateError once", () => {
    const failure = new HandlerFailure('Could not compare commits: 502');
    expect(rootMessage(new AggregateError([failure, failure], 'x'))).toBe('Could not compare commits: 502');
    expect(rootMessage('plain')).toBe('plain');
  });
});

describe('reportThenRethrow', () => {
  const compare = new ExternalServiceError('GitHub', 'Could not compare commits: getaddrinfo ENOTFOUND', {
    retryable: true,
  });

  it('rethrows the failure itself when the report works', async () => {
    let reported = false;
    await expect(reportThenRethrow(compare, async () => (reported = true))).rejects.toBe(compare);
    expect(reported).toBe(true);
  });

  it('names the failure first when the report fails too', async () => {
    const listing = new ExternalServiceError('GitHub', 'Could not list check runs: getaddrinfo ENOTFOUND', {
      retryable: true,
    });
    const thrown = await reportThenRethrow(compare, () => Promise.reject(listing)).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(HandlerFailure);
    expect((thrown as Error).message).toBe(
      'Could not compare commits: getaddrinfo ENOTFOUND (reporting this failure failed too: Could not list check runs: getaddrinfo ENOTFOUND)',
    );
    expect((thrown as Error).cause).toBe(compare);
  });
});

describe('eventFields and HandlerFailure', () => {
  it('names the event, delivery, repository and pull request', () => {
    const context = { name: 'pull_request', id: 'd-1', payload: pullRequestEvent('synchronize') } as never;
    expect(eventFields(context)).toEqual({
      event: 'pull_request.synchronize',
      delivery: 'd-1',
      repository: `${OWNER}/${REPO}`,
      pullRequest: 1,
    });
  });

  it('leaves out what a push does not have', () => {
    expect(eventFields({ name: 'push', id: '2', payload: {} } as never)).toEqual({ event: 'push', delivery: '2' });
  });

  it('never holds the event @octokit/webhooks assigns to it', () => {
    const failure = new HandlerFailure('m', { fields: { event: 'push', delivery: '2' } });
    Object.assign(failure, { event: { id: '2', name: 'push', payload: { sender: { login: 'x' } } } });
    expect(failure.event).toEqual({ event: 'push', delivery: '2' });
    expect(JSON.stringify(pino.stdSerializers.err(failure))).not.toContain('sender');
  });

  it("the Action's annotation is the root cause, with '%' escaped", () => {
    const failure = new AggregateError([new HandlerFailure('Could not compare commits: 100% down')], 'x');
    expect(errorAnnotation(failure)).toBe('::error title=Mesh Steward::Could not compare commits: 100%25 down');
  });
});

describe('a failed evaluation in the App', () => {
  useStrictNock();

  /** A real Probot (retries and throttling off) logging JSON lines into `lines`. */
  async function loggingProbot(lines: string[]): Promise<{ probot: Probot; log: pino.Logger }> {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const log = pino({ level: 'info' }, stream);
    const Octokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
      ...options,
      retry: { enabled: false },
      throttle: { ...(options['throttle'] as object), enabled: false },
    }));
    const probot = new Probot({ githubToken: 'test-token', log, Octokit });
    await probot.load(createApp({ today: () => '2026-11-22', target: undefined }));
    return { probot, log };
  }

  it('names the compare that failed, not the check-run write that failed after it, and logs no payload', async () => {
    const repoPath = `/repos/${OWNER}/${REPO}`;
    const down = 'getaddrinfo ENOTFOUND api.github.com';
    nock(API)
      .get(`${repoPath}/compare/${BASE}...${HEAD}`)
      .query(true)
      .replyWithError(down)
      .get(`${repoPath}/pulls/1/reviews`)
      .query(true)
      .reply(200, [])
      .get(`${repoPath}/issues/1/comments`)
      .query(true)
      .reply(200, [])
      .get(`${repoPath}/commits/${HEAD}/check-runs`)
      .query(true)
      .replyWithError(down);
    const lines: string[] = [];
    const { probot, log } = await loggingProbot(lines);
    const payload = pullRequestEvent('synchronize');
    payload['pull_request'].body = 'BODY-TEXT-OF-THE-PULL-REQUEST';
    const thrown = await probot
      .receive({ id: 'delivery-42', name: 'pull_request', payload: payload as never })
      .catch((e: unknown) => e);
    // Probot's webhook middleware logs what receive throws, as it is: so does this test.
    log.error(thrown);

    expect(errorAnnotation(thrown)).toMatch(
      /^::error title=Mesh Steward::Could not compare commits: .*ENOTFOUND.* \(reporting this failure failed too: Could not list check runs: /,
    );
    const ours = lines.filter((l) => l.includes('"delivery":"delivery-42"'));
    expect(ours).toHaveLength(1);
    const line = JSON.parse(ours[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({
      event: 'pull_request.synchronize',
      repository: `${OWNER}/${REPO}`,
      pullRequest: 1,
      error: expect.stringMatching(/^Could not compare commits: /) as unknown,
    });
    expect(Buffer.byteLength(ours[0] ?? '')).toBeLessThan(1024);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) {
      expect(l).not.toContain('"sender"');
      expect(l).not.toContain('BODY-TEXT-OF-THE-PULL-REQUEST');
    }
  });
});

import { ProbotOctokit } from 'probot';
import type { Logger } from '../../../src/core/logger.js';
import type { AppState } from '../../../src/github/flows/pull-request.js';
import type { ApplyTarget } from '../../../src/github/read/apply-target.js';
import { CatalogCache } from '../../../src/github/read/catalog-cache.js';
import { KeyedQueue, Limiter } from '../../../src/github/serialize.js';
import { NOW } from './merge.js';

/** An Octokit for flow tests: a plain token, no retries and no throttling, so a test's requests are exactly its mocks. */
export function testOctokit(): InstanceType<typeof ProbotOctokit> {
  return new ProbotOctokit({ auth: { token: 't' }, retry: { enabled: false }, throttle: { enabled: false } });
}

/** The App's state as the flows see it: a fresh catalog cache, the given queue, a fixed day and clock. */
export function appState(target?: ApplyTarget, queue = new KeyedQueue()): AppState {
  return {
    cache: new CatalogCache(),
    queue,
    limiter: new Limiter(8),
    today: () => '2026-11-22',
    now: () => NOW,
    target,
  };
}

/** A logger that keeps warnings and errors as `warn …` / `error …` lines, for tests to assert on. */
export function recorder(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const log: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (m) => void lines.push(`warn ${m}`),
    error: (m) => void lines.push(`error ${m}`),
  };
  return { log, lines };
}

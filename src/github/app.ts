import type { Probot } from 'probot';
import type { Env } from '../apply/connect.js';
import { applyTargetFromEnv, modeLine, type ApplyTarget } from './read/apply-target.js';
import { CatalogCache } from './read/catalog-cache.js';
import { registerCheckRun } from './handlers/check-run.js';
import { registerCommentCommands } from './handlers/comment-commands.js';
import { registerDispatch } from './handlers/dispatch.js';
import { registerMergeGroup } from './handlers/merge-group.js';
import { registerPullRequest } from './handlers/pull-request.js';
import { registerPush } from './handlers/push.js';
import { registerReview } from './handlers/review.js';
import type { AppState } from './flows/pull-request.js';
import { KeyedQueue, Limiter } from './serialize.js';
import { guarded } from './failure.js';

export interface AppOptions {
  /** Today, `YYYY-MM-DD` (tests pin it); default: today in UTC. */
  readonly today?: () => string;
  /** Now, as an ISO timestamp (tests pin it). */
  readonly now?: () => string;
  readonly cache?: CatalogCache;
  /** The environment the target and the mode line are read from; default: `process.env`. */
  readonly env?: Env;
  /** The cluster to plan against and apply to; default: from `env` (README, "App setup"). */
  readonly target?: ApplyTarget;
}

/**
 * Builds the Probot application function: pull request evaluation (checks, comment, review requests, commands),
 * and apply on merge with its audit record (pushes to the applying branch).
 */
export function createApp(options: AppOptions = {}) {
  return (app: Probot): void => {
    const env = options.env ?? process.env;
    const target = 'target' in options ? options.target : applyTargetFromEnv(env);
    app.log.info(modeLine(target, env));
    const state: AppState = {
      cache: options.cache ?? new CatalogCache(),
      queue: new KeyedQueue(),
      limiter: new Limiter(8),
      today: options.today ?? (() => new Date().toISOString().slice(0, 10)),
      now: options.now ?? (() => new Date().toISOString()),
      target,
    };
    // Every handler fails readably: one log line naming the root cause, never the payload (failure.ts).
    const on = guarded(app);
    registerPullRequest(on, state);
    registerReview(on, state);
    registerCommentCommands(on, state);
    registerCheckRun(on, state);
    registerMergeGroup(on, state);
    registerPush(on, state);
    registerDispatch(on, state);
  };
}

/** The entry `probot run` loads. */
export default createApp();

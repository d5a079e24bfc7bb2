import type { Probot } from 'probot';
import { applyTargetFromEnv, type ApplyTarget } from './apply-target.js';
import { CatalogCache } from './catalog-cache.js';
import { registerCheckRun } from './handlers/check-run.js';
import { registerCommentCommands } from './handlers/comment-commands.js';
import { registerMergeGroup } from './handlers/merge-group.js';
import { registerPullRequest } from './handlers/pull-request.js';
import { registerReview } from './handlers/review.js';
import type { AppState } from './pipeline.js';
import { KeyedQueue, Limiter } from './serialize.js';

export interface AppOptions {
  /** Today, `YYYY-MM-DD` (tests pin it); default: today in UTC. */
  readonly today?: () => string;
  readonly cache?: CatalogCache;
  /** The cluster to plan against and apply to; default: from the environment (README, "Configuration"). */
  readonly target?: ApplyTarget;
}

/**
 * Builds the Probot application function. Pushes are not handled yet: apply-on-merge (issue 6) adds them, and
 * until then the manifest does not subscribe to them.
 */
export function createApp(options: AppOptions = {}) {
  return (app: Probot): void => {
    const state: AppState = {
      cache: options.cache ?? new CatalogCache(),
      queue: new KeyedQueue(),
      limiter: new Limiter(8),
      today: options.today ?? (() => new Date().toISOString().slice(0, 10)),
      target: 'target' in options ? options.target : applyTargetFromEnv(process.env),
    };
    registerPullRequest(app, state);
    registerReview(app, state);
    registerCommentCommands(app, state);
    registerCheckRun(app, state);
    registerMergeGroup(app, state);
  };
}

/** The entry `probot run` loads. */
export default createApp();

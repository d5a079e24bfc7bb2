import type { Context, Probot } from 'probot';
import { redactUrls } from '../apply/display-url.js';
import { StewardError } from '../core/errors.js';

/** Where a failure happened: small, and never any of the webhook payload beyond these names. */
export interface EventFields {
  /** `name.action`, or the name for events without an action (push). */
  readonly event: string;
  /** The delivery id (the Action's run id). */
  readonly delivery: string;
  /** `owner/repo`, when the event has a repository. */
  readonly repository?: string;
  /** The pull request's number, when the event is about one. */
  readonly pullRequest?: number;
}

/**
 * What a failed handler throws: the root cause's message, the original error as its cause, and where it happened.
 * It never holds the webhook payload: @octokit/webhooks assigns the whole event (payload included) to a handler's
 * error, and loggers serialise every own property, so the `event` setter here keeps only the fields.
 */
export class HandlerFailure extends Error {
  override readonly name = 'HandlerFailure';
  readonly #fields: EventFields | undefined;
  constructor(message: string, options: { cause?: unknown; fields?: EventFields } = {}) {
    super(message, { cause: options.cause });
    this.#fields = options.fields;
  }
  /** Where the failure happened (undefined when it was not raised by `handled`). */
  get event(): EventFields | undefined {
    return this.#fields;
  }
  set event(_payload: unknown) {
    // Discarded: the caller's event carries the payload this error must never hold.
  }
}

const maxLogged = 500;

/**
 * The message of the failure's root, on one line with any URL reduced to its origin. A `HandlerFailure` already
 * carries its root's message; an AggregateError (Probot's, over its handlers) gives each of its errors' roots.
 * Otherwise the root is the deepest of our typed errors in the `cause` chain, whose message says what the app was
 * doing and already ends with the library's detail; a chain without one ends at its deepest error.
 */
export function rootMessage(error: unknown): string {
  if (error instanceof HandlerFailure) return oneLine(error.message);
  if (error instanceof AggregateError && error.errors.length > 0)
    return [...new Set(error.errors.map((e) => rootMessage(e)))].join('; ');
  let deepest: unknown = error;
  let typed: StewardError | undefined;
  const seen = new Set<unknown>();
  for (let at: unknown = error; at instanceof Error && !seen.has(at); at = at.cause) {
    seen.add(at);
    deepest = at;
    if (at instanceof StewardError) typed = at;
  }
  const root = typed ?? deepest;
  return oneLine(root instanceof Error ? root.message : String(root));
}

function oneLine(message: string): string {
  return redactUrls(message.replace(/\s*\r?\n\s*/g, ' ').trim()) || 'unknown error';
}

/**
 * Reports a failure (the failing check runs, say), then rethrows it. When the report fails too, the error thrown
 * names the original failure first: the report's failure is a follow-on (GitHub unreachable for both, usually),
 * and an Action's annotation shows only the message of what it catches.
 */
export async function reportThenRethrow(error: unknown, report: () => Promise<unknown>): Promise<never> {
  try {
    await report();
  } catch (reportError) {
    throw new HandlerFailure(`${rootMessage(error)} (reporting this failure failed too: ${rootMessage(reportError)})`, {
      cause: error,
    });
  }
  throw error;
}

interface LoosePayload {
  readonly action?: unknown;
  readonly repository?: { readonly full_name?: unknown };
  readonly pull_request?: { readonly number?: unknown };
  readonly issue?: { readonly number?: unknown; readonly pull_request?: unknown };
  readonly check_run?: { readonly pull_requests?: readonly { readonly number?: unknown }[] };
  readonly check_suite?: { readonly pull_requests?: readonly { readonly number?: unknown }[] };
}

/** The event, the delivery, the repository and the pull request (when there is one) of a webhook's context. */
export function eventFields(context: Pick<Context, 'name' | 'id' | 'payload'>): EventFields {
  const payload = context.payload as LoosePayload;
  const action = typeof payload.action === 'string' ? `.${payload.action}` : '';
  const repository = payload.repository?.full_name;
  const pullRequest =
    payload.pull_request?.number ??
    (payload.issue?.pull_request ? payload.issue.number : undefined) ??
    payload.check_run?.pull_requests?.[0]?.number ??
    payload.check_suite?.pull_requests?.[0]?.number;
  return {
    event: `${context.name}${action}`,
    delivery: context.id,
    ...(typeof repository === 'string' ? { repository } : {}),
    ...(typeof pullRequest === 'number' ? { pullRequest } : {}),
  };
}

function where(fields: EventFields): string {
  const repository = fields.repository ?? 'no repository';
  return `${fields.event} on ${repository}${fields.pullRequest === undefined ? '' : `#${fields.pullRequest}`}`;
}

/**
 * Runs a webhook handler. A failure is logged as one line (event, delivery, repository, pull request and the root
 * cause; never the payload), then rethrown as a `HandlerFailure` so Probot answers the delivery with an error and
 * the Action exits with one.
 */
export async function handled<C extends Context>(context: C, handler: (context: C) => unknown): Promise<void> {
  try {
    await handler(context);
  } catch (error) {
    const fields = eventFields(context);
    const message = rootMessage(error);
    const logged = message.length > maxLogged ? `${message.slice(0, maxLogged)}…` : message;
    context.log.error({ ...fields, error: logged }, `${where(fields)} failed: ${logged}`);
    throw new HandlerFailure(message, { cause: error, fields });
  }
}

/**
 * Probot's webhook middleware logs the AggregateError it gets, and @octokit/webhooks gave that error the whole
 * event: keep its id and name only. Error handlers run before the error is thrown on to the middleware.
 */
function dropPayload(error: Error): void {
  const event = (error as { event?: unknown }).event;
  if (typeof event !== 'object' || event === null || !('payload' in event)) return;
  const { id, name } = event as { id?: unknown; name?: unknown };
  Object.assign(error, { event: { id, name } });
}

/**
 * The Probot instance, with every handler given to `on` run through `handled`, and errors on their way to Probot's
 * middleware stripped of the payload. Handlers registered on it cannot fail unreadably.
 */
export function guarded(app: Probot): Probot {
  app.onError(dropPayload);
  return new Proxy(app, {
    get(target, key) {
      if (key === 'on')
        return (event: unknown, handler: (context: Context) => unknown) =>
          target.on(event as never, ((context: Context) => handled(context, handler)) as never);
      // Probot keeps its state in private fields: its methods and getters must see the instance, not the proxy.
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

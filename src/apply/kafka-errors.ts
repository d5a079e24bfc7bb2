import { TimeoutError } from '@platformatic/kafka';
import { ExternalServiceError } from '../core/errors.js';
import type { ItemResult } from './ports.js';

/** Library errors → the engine's terms, at the adapter boundary: per-item results, or ExternalServiceError. */

export async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw wrap(what, error);
  }
}

/**
 * Runs a batched call and splits its outcome per item. The library reports per-item failures as protocol errors
 * whose `path` (e.g. `/results/1`) points into the response, whose entries name their item; the broker may answer
 * in another order than asked. Any other failure fails every item of the batch.
 */
export async function perItem(names: readonly string[], fn: () => Promise<unknown>): Promise<ItemResult[]> {
  if (names.length === 0) return [];
  try {
    await fn();
    return names.map((name) => ({ name }));
  } catch (error) {
    const itemErrors = protocolErrors(error, undefined);
    const byName = new Map<string, string>();
    for (const { error: e, response } of itemErrors) {
      const item = itemOf(response, e.path);
      const text = `${String(e.apiId ?? 'ERROR')}: ${String(e.serverErrorMessage ?? e.message)}`;
      if (item !== undefined) byName.set(item, text);
    }
    // An error that names no item is the whole call's; a request that went out and timed out may have been done.
    const whole = byName.size === 0 ? wrap('admin request', error).message : undefined;
    const unknown = whole !== undefined && requestTimedOut(error) ? { unknown: true } : {};
    return names.map((name, i) => {
      const message = whole ?? byName.get(name) ?? byName.get(String(i));
      return message === undefined ? { name } : { name, error: message, ...unknown };
    });
  }
}

/**
 * The library's TimeoutError for a request that was sent and not answered ("Request timed out"), possibly inside a
 * MultipleErrors; a connection that timed out sent nothing, so its outcome is known (failed).
 */
function requestTimedOut(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof TimeoutError && /request timed out/i.test(error.message)) return true;
  const nested = (error as { errors?: unknown }).errors;
  return Array.isArray(nested) && nested.some(requestTimedOut);
}

type ProtocolErrorLike = Error & { path?: unknown; apiId?: unknown; serverErrorMessage?: unknown };

function protocolErrors(error: unknown, response: unknown): { error: ProtocolErrorLike; response: unknown }[] {
  if (!(error instanceof Error)) return [];
  const e = error as ProtocolErrorLike & { code?: unknown; errors?: unknown; response?: unknown };
  if (e.code === 'PLT_KFK_PROTOCOL') return [{ error: e, response }];
  const own = e.response ?? response;
  return Array.isArray(e.errors) ? e.errors.flatMap((x) => protocolErrors(x, own)) : [];
}

/** The name of the response entry at `path`: a topic's `name`, a config resource's `resourceName`. */
function itemOf(response: unknown, path: unknown): string | undefined {
  const match = /^\/(\w+)\/(\d+)/.exec(String(path ?? ''));
  if (!match || typeof response !== 'object' || response === null) return undefined;
  const list = (response as Record<string, unknown>)[match[1] as string];
  const entry = Array.isArray(list) ? (list[Number(match[2])] as Record<string, unknown> | undefined) : undefined;
  const name = entry?.name ?? entry?.resourceName;
  // ACL calls answer per creation/filter, in request order, without a name.
  return typeof name === 'string' ? name : entry ? String(match[2]) : undefined;
}

function wrap(what: string, error: unknown): ExternalServiceError {
  const detail = error instanceof Error ? describe(error) : String(error);
  const retryable = !(error instanceof Error && /AUTHENTICATION|AUTHORIZATION/i.test(detail));
  return new ExternalServiceError('Kafka', `Kafka: ${what} failed: ${detail}`, { retryable, cause: error });
}

function describe(error: Error): string {
  const nested = (error as { errors?: unknown }).errors;
  const inner = Array.isArray(nested) && nested[0] instanceof Error ? ` (${describe(nested[0])})` : '';
  return `${error.message}${inner}`;
}

import { describe, expect, it } from 'vitest';
import { ExternalServiceError } from '../../src/core/errors.js';
import { call, statusOf } from '../../src/github/call.js';

function httpError(status: number | undefined, message: string): Error {
  return Object.assign(new Error(message), status === undefined ? {} : { status });
}

async function failure(error: unknown): Promise<ExternalServiceError> {
  try {
    await call('read the tree', () => Promise.reject(error));
  } catch (caught) {
    if (caught instanceof ExternalServiceError) return caught;
    throw caught;
  }
  throw new Error('call did not throw');
}

describe('call', () => {
  it('returns what the request resolves to', async () => {
    await expect(call('read', () => Promise.resolve(42))).resolves.toBe(42);
  });

  it('says what the app was doing, with the first line of the cause only', async () => {
    const cause = httpError(403, 'Resource not accessible\nhttps://docs.github.com/...');
    const error = await failure(cause);
    expect(error.service).toBe('GitHub');
    expect(error.message).toBe('Could not read the tree: Resource not accessible');
    expect(error.cause).toBe(cause);
  });

  it('is retryable on 5xx, 429 and errors without a status, and not on other 4xx', async () => {
    expect((await failure(httpError(500, 'boom'))).retryable).toBe(true);
    expect((await failure(httpError(503, 'boom'))).retryable).toBe(true);
    expect((await failure(httpError(429, 'slow down'))).retryable).toBe(true);
    expect((await failure(httpError(undefined, 'ECONNRESET'))).retryable).toBe(true);
    expect((await failure(httpError(404, 'Not Found'))).retryable).toBe(false);
    expect((await failure(httpError(422, 'Unprocessable'))).retryable).toBe(false);
    expect((await failure(httpError(499, 'edge'))).retryable).toBe(false);
  });

  it('words a thrown non-error as its string', async () => {
    const error = await failure('plain text');
    expect(error.message).toBe('Could not read the tree: plain text');
    expect(error.retryable).toBe(true);
  });
});

describe('statusOf', () => {
  it("reads the status of a wrapped error's cause first, then of the error itself", async () => {
    expect(statusOf(await failure(httpError(404, 'Not Found')))).toBe(404);
    expect(statusOf(httpError(422, 'x'))).toBe(422);
    expect(statusOf(new Error('x', { cause: { status: 409 } }))).toBe(409);
    expect(statusOf(Object.assign(new Error('x', { cause: {} }), { status: 410 }))).toBe(410);
  });

  it('is undefined when neither has one', () => {
    expect(statusOf(new Error('x'))).toBeUndefined();
    expect(statusOf(new Error('x', { cause: new Error('y') }))).toBeUndefined();
    expect(statusOf({})).toBeUndefined();
  });
});

import { ExternalServiceError } from '../core/errors.js';

/** Wraps a GitHub call so a failure says what the app was doing; 5xx, 429 and network errors are retryable. */
export async function call<T>(what: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const status = (error as { status?: number }).status;
    const retryable = status === undefined || status >= 500 || status === 429;
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ExternalServiceError('GitHub', `Could not ${what}: ${detail}`, { retryable, cause: error });
  }
}

export function statusOf(error: unknown): number | undefined {
  const cause = error instanceof Error ? (error.cause as { status?: number } | undefined) : undefined;
  return cause?.status ?? (error as { status?: number }).status;
}

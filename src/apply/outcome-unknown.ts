import { ExternalServiceError } from '../core/errors.js';

/**
 * A write was sent and no answer came back (a timeout, a connection cut after the request went out): the service
 * may have done it or not. Never reported as failed: its outcome is unknown, and the next plan, which reads live
 * state, settles it (planned again if it did not happen, in sync if it did).
 */
export class OutcomeUnknownError extends ExternalServiceError {
  constructor(service: string, message: string, cause?: unknown) {
    super(service, message, { retryable: true, cause });
  }
}

export function isOutcomeUnknown(error: unknown): error is OutcomeUnknownError {
  return error instanceof OutcomeUnknownError;
}

/** What a report says after the reason of an operation whose outcome is unknown. */
export const settlesOnRerun =
  'it may have been done: the next plan reads live state and settles it (run apply again, or plan to see)';

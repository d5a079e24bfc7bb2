/**
 * Operational failures. Problems in users' files are findings, never these; these are for what stops the tool
 * itself: bad configuration, an unreadable source, an external service that failed.
 */
export class StewardError extends Error {
  override readonly name: string = 'StewardError';
}

/** The tool was invoked or configured wrongly (flags, environment, settings the user must fix). */
export class ConfigurationError extends StewardError {
  override readonly name = 'ConfigurationError';
}

/** A source of files (directory, git, GitHub) could not be read. */
export class SourceError extends StewardError {
  override readonly name = 'SourceError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A call to GitHub, Kafka or the registry failed; `retryable` says whether trying again may help. */
export class ExternalServiceError extends StewardError {
  override readonly name = 'ExternalServiceError';
  readonly service: string;
  readonly retryable: boolean;
  constructor(service: string, message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.service = service;
    this.retryable = options.retryable;
  }
}

import { describe, expect, it } from 'vitest';
import { ConfigurationError, ExternalServiceError, SourceError, StewardError } from '../../src/core/errors.js';

describe('operational errors', () => {
  it('are StewardErrors named after their class', () => {
    const errors = [
      new StewardError('s'),
      new ConfigurationError('c'),
      new SourceError('src'),
      new ExternalServiceError('kafka', 'e', { retryable: false }),
    ];
    expect(errors.map((e) => [e.name, e.message, e instanceof StewardError, e instanceof Error])).toEqual([
      ['StewardError', 's', true, true],
      ['ConfigurationError', 'c', true, true],
      ['SourceError', 'src', true, true],
      ['ExternalServiceError', 'e', true, true],
    ]);
    expect(new ConfigurationError('x')).not.toBeInstanceOf(SourceError);
    expect(String(new SourceError('gone'))).toBe('SourceError: gone');
  });

  it('keep their cause', () => {
    const cause = new Error('ENOENT');
    expect(new SourceError('unreadable', { cause }).cause).toBe(cause);
    expect(new SourceError('unreadable').cause).toBeUndefined();
  });

  it('say which service failed and whether a retry may help', () => {
    const cause = new Error('timeout');
    const e = new ExternalServiceError('schema-registry', 'no answer', { retryable: true, cause });
    expect([e.service, e.retryable, e.cause, e.message]).toEqual(['schema-registry', true, cause, 'no answer']);
    expect(new ExternalServiceError('github', 'denied', { retryable: false }).retryable).toBe(false);
  });
});

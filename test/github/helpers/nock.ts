import nock from 'nock';
import { afterEach, beforeEach, expect } from 'vitest';

/**
 * Strict HTTP for app tests: no network, every request must match a mock, and every mock must be used. A test
 * that forgets a call, or makes one it should not, fails with the request named.
 */
export function useStrictNock(): void {
  const unmatched: string[] = [];
  const onNoMatch = (req: { method?: string; path?: string; href?: string }) =>
    unmatched.push(`${req.method ?? ''} ${req.href ?? req.path ?? ''}`);
  beforeEach(() => {
    nock.disableNetConnect();
    nock.emitter.on('no match', onNoMatch);
  });
  afterEach(() => {
    nock.emitter.removeListener('no match', onNoMatch);
    const pending = nock.pendingMocks();
    nock.cleanAll();
    nock.enableNetConnect();
    expect(unmatched.splice(0), 'unmatched requests').toEqual([]);
    expect(pending, 'unused mocks').toEqual([]);
  });
}

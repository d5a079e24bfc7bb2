import nock from 'nock';
import { afterEach, beforeEach, expect } from 'vitest';

/**
 * Strict HTTP for app tests: no network, every request must match a mock, and every mock must be used. A test
 * that forgets a call, or makes one it should not, fails with the request named.
 */
export function useStrictNock(): void {
  const unmatched: string[] = [];
  // Loopback is where a test runs its own server (signature tests); everything else must be mocked.
  const onNoMatch = (req: { method?: string; path?: string; href?: string }) => {
    const where = req.href ?? req.path ?? '';
    if (!where.startsWith('http://127.0.0.1:')) unmatched.push(`${req.method ?? ''} ${where}`);
  };
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

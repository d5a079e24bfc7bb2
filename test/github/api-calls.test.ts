import { describe, expect, it } from 'vitest';
import { CatalogCache } from '../../src/github/read/catalog-cache.js';
import {
  mockCatalogReads,
  mockCheckRuns,
  mockComment,
  mockPullRequestLists,
  mockReviewRequest,
  noWrites,
  testProbot,
} from './helpers/github.js';
import { useStrictNock } from './helpers/nock.js';
import { pullRequestEvent } from './helpers/payloads.js';
import { mesh } from './helpers/mesh.js';

useStrictNock();

async function callsFor(n: number): Promise<string[]> {
  const { base, head } = mesh(n);
  const writes = noWrites();
  await mockCatalogReads(base, head);
  mockPullRequestLists();
  mockCheckRuns(writes, 2);
  mockComment(writes);
  mockReviewRequest(writes);
  const calls: string[] = [];
  const probot = await testProbot(new CatalogCache(), (route) => calls.push(route));
  await probot.receive({ id: '1', name: 'pull_request', payload: pullRequestEvent('opened') as never });
  expect(writes.checkRuns.map((r) => r['conclusion'])).toEqual(['failure', 'failure']);
  return calls;
}

describe('API calls per evaluation', () => {
  it('are the same for 10 products and for 10,000', { timeout: 60_000 }, async () => {
    const small = await callsFor(10);
    const large = await callsFor(10_000);
    expect(large).toEqual(small);
    expect(small).toHaveLength(10);
  });
});

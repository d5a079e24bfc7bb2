import nock from 'nock';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { API, mockCheckRuns, mockPullRequestLists, noWrites, tarball, testProbot } from './helpers/github.js';
import { useStrictNock } from './helpers/nock.js';
import { BASE, HEAD, OWNER, REPO, pullRequestEvent } from './helpers/payloads.js';
import { baseTree } from './helpers/trees.js';

useStrictNock();

/** About 1 MB of gzip that inflates to 1 GiB: one zero-filled entry, as concatenated gzip members. */
function gzipBomb(): Buffer {
  const header = Buffer.alloc(512);
  header.write(`${OWNER}-${REPO}-${HEAD.slice(0, 7)}/catalog/a/product.yaml`, 0);
  header.write(`${(2 ** 30).toString(8).padStart(11, '0')}\0`, 124);
  header.write('0', 156);
  const zeros = gzipSync(Buffer.alloc(16 << 20));
  return Buffer.concat([gzipSync(header), ...Array<Buffer>(64).fill(zeros)]);
}

describe('an archive over the limits', () => {
  it('fails both checks naming the cap when a 300-file pull request makes the App read a gzip bomb as its head', async () => {
    const files = Array.from({ length: 300 }, (_, i) => ({ filename: `docs/page-${i}.md`, status: 'added' }));
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/compare/${BASE}...${HEAD}`)
      .query({ per_page: 1 })
      .reply(200, { merge_base_commit: { sha: BASE }, files })
      .get(`/repos/${OWNER}/${REPO}/tarball/${BASE}`)
      .reply(200, await tarball(await baseTree()), { 'content-type': 'application/x-gzip' })
      .get(`/repos/${OWNER}/${REPO}/tarball/${HEAD}`)
      .reply(200, gzipBomb(), { 'content-type': 'application/x-gzip' });
    mockPullRequestLists();
    const writes = noWrites();
    mockCheckRuns(writes, 2);
    const probot = await testProbot();
    const start = performance.now();
    await expect(
      probot.receive({ id: '1', name: 'pull_request', payload: pullRequestEvent('opened') as never }),
    ).rejects.toThrow(/256 MiB/);
    expect(performance.now() - start).toBeLessThan(2_000);
    expect(writes.checkRuns.map((r) => [r['status'] ?? 'completed', r['conclusion']])).toEqual([
      ['completed', 'failure'],
      ['completed', 'failure'],
    ]);
    for (const run of writes.checkRuns)
      expect(run['output'].summary).toContain(
        `SourceError: The archive of ${OWNER}/${REPO} at ${HEAD} inflates above the 256 MiB`,
      );
  });
});

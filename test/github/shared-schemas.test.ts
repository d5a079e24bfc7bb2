import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import type { SourceEntry } from '../../src/core/source.js';
import { CatalogCache } from '../../src/github/read/catalog-cache.js';
import { fixturesDir } from '../helpers/fixtures.js';
import {
  mockCatalogReads,
  mockCheckRuns,
  mockComment,
  mockPullRequestLists,
  mockReviewRequest,
  noWrites,
  testProbot,
  type EarlierCommit,
} from './helpers/github.js';
import { useStrictNock } from './helpers/nock.js';
import { pullRequestEvent } from './helpers/payloads.js';
import { baseTree, breakOrders, edit } from './helpers/trees.js';

useStrictNock();

type Tree = Map<string, SourceEntry>;
const CRM = 'catalog/crm/customers/product.yaml';
const ADDRESS = 'catalog/crm/customers/schemas/address.avsc';
const CITY = '{ "name": "city", "type": "string", "doc": "City or town." }';

/** The validate base fixture with the shared-types mesh (Customer uses Address from address.avsc) laid over it. */
async function sharedBase(): Promise<Tree> {
  return new Map([...(await baseTree()), ...(await readDirectorySource(join(fixturesDir, 'shared-types', 'before')))]);
}

/** Opens a pull request from `base` to `head` and returns the app's writes and every GitHub call it made. */
async function openPullRequest(base: Tree, head: Tree, earlier: readonly EarlierCommit[] = []) {
  const writes = noWrites();
  await mockCatalogReads(base, head, undefined, false, earlier);
  mockPullRequestLists();
  mockCheckRuns(writes, 2);
  mockComment(writes);
  mockReviewRequest(writes);
  const calls: string[] = [];
  const probot = await testProbot(new CatalogCache(), (route) => calls.push(route));
  await probot.receive({ id: '1', name: 'pull_request', payload: pullRequestEvent('opened') as never });
  const annotations = writes.checkRuns[0]?.['output'].annotations as {
    title: string;
    path: string;
    start_line: number;
  }[];
  return { writes, calls, annotations: annotations.map((a) => [a.title, a.path, a.start_line]) };
}

describe('pull request changing a shared schema file', () => {
  it('fails the checks and asks the consulted parties and consumers, in as many calls as a direct break', async () => {
    const base = await sharedBase();
    const head = edit(base, ADDRESS, (t) => t.replace(CITY, CITY.replace('"string"', '"int"')));
    const shared = await openPullRequest(base, head);
    expect(shared.writes.checkRuns.map((r) => r['conclusion'])).toEqual(['failure', 'failure']);
    expect(shared.annotations).toEqual([
      ['BREAKING_CHANGE_NEEDS_MAJOR', CRM, 19],
      ['TYPE_MISMATCH', ADDRESS, 8],
    ]);
    expect(shared.writes.reviewRequests).toEqual([{ reviewers: [], team_reviewers: ['privacy', 'mailroom', 'crm'] }]);
    const direct = await openPullRequest(base, breakOrders(base));
    expect(shared.calls).toEqual(direct.calls);
    expect(shared.calls.filter((c) => c.startsWith('POST') && c.endsWith('/graphql'))).toHaveLength(1);
  });

  it('judges earlier versions with the shared file as it was at each commit of the folder history', async () => {
    // Commit 1: Address without country. The merge base adds country with a default; the head drops the default,
    // which breaks only the version of commit 1 under BACKWARD_TRANSITIVE.
    const country = '{ "name": "country", "type": "string", "default": "NL", "doc": "Country code." }';
    const first = edit(await sharedBase(), CRM, (t) =>
      t.replace('compatibility: BACKWARD', 'compatibility: BACKWARD_TRANSITIVE'),
    );
    const base = edit(first, ADDRESS, (t) => t.replace(CITY, `${CITY},\n    ${country}`));
    const head = edit(base, ADDRESS, (t) => t.replace(' "default": "NL",', ''));
    const sha = '1'.repeat(40);
    const { writes, annotations } = await openPullRequest(base, head, [{ sha, tree: first }]);
    expect(writes.checkRuns.map((r) => r['conclusion'])).toEqual(['failure', 'failure']);
    expect(annotations).toEqual([
      ['BREAKING_CHANGE_NEEDS_MAJOR', CRM, 19],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', ADDRESS, 9],
    ]);
    expect(JSON.stringify(writes.checkRuns[0])).toContain('the schema at commit 1111111');
  });
});

import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { checkWithReviews, committedChange } from '../helpers/reviews-repo.js';
import {
  API,
  mockCatalogReads,
  mockCheckRuns,
  mockComment,
  mockPullRequestLists,
  mockReviewRequest,
  mockTeam,
  noWrites,
  testProbot,
} from './helpers/github.js';
import { useStrictNock } from './helpers/nock.js';
import { AUTHOR, comment, HEAD, OWNER, REPO, reviewEvent } from './helpers/payloads.js';
import { baseTree, breakOrders, ORDER_SCHEMA } from './helpers/trees.js';

useStrictNock();

/**
 * One scenario, two shells: a breaking change to orders; olivia (orders) approves the head and waives the break;
 * the author, a member of finance-data, approves her own change; sam (shipping) approved an earlier commit the
 * schema changed after; an edited comment tries a second waiver.
 */
const teams = { '@acme/orders': ['olivia'], '@acme/shipping': ['sam'], '@acme/finance-data': [AUTHOR] };
const waiver = '/steward accept-breaking Consumers migrate first.';
const OLD = 'a'.repeat(40);
const reviews = (head: string, old: string) => [
  { reviewer: 'olivia', commit: head, submittedAt: '2026-11-22T10:01:00Z' },
  { reviewer: AUTHOR, commit: head, submittedAt: '2026-11-22T10:02:00Z' },
  { reviewer: 'sam', commit: old, submittedAt: '2026-11-22T10:03:00Z' },
];

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const unescape = (cell: string) => cell.replace(/@&#8203;/g, '@').replace(/\\(.)/g, '$1');
const appStatus = { '✅ met': 'met', '⏳ pending': 'pending', '⛔ changes requested': 'blocked' } as const;

/** Through the App's review handler: the approvals check's table, as (requirement, state) rows. */
async function throughTheApp() {
  const base = await baseTree();
  const writes = noWrites();
  await mockCatalogReads(base, breakOrders(base));
  mockPullRequestLists(
    reviews(HEAD, OLD).map((r, i) => ({
      id: i,
      user: { login: r.reviewer },
      state: 'APPROVED',
      commit_id: r.commit,
      submitted_at: r.submittedAt,
    })),
    [comment(7, waiver, 'olivia'), comment(8, '/steward accept-breaking Edited in.', 'olivia', true)],
  );
  for (const [team, members] of Object.entries(teams)) mockTeam(team, members);
  nock(API)
    .get(`/repos/${OWNER}/${REPO}/compare/${OLD}...${HEAD}`)
    .query({ per_page: 1 })
    .reply(200, { merge_base_commit: { sha: OLD }, files: [{ filename: ORDER_SCHEMA, status: 'modified' }] });
  mockCheckRuns(writes, 2);
  mockComment(writes);
  mockReviewRequest(writes);
  await (
    await testProbot()
  ).receive({ id: '1', name: 'pull_request_review', payload: reviewEvent('submitted') as never });
  const run = (name: string) => writes.checkRuns.find((r) => r['name'] === name) as Json;
  const table = String(run('Mesh Steward / approvals')['output'].summary);
  const rows = [...table.matchAll(/^\| (.+?) \| (✅ met|⏳ pending|⛔ changes requested) \|/gm)];
  return {
    requirements: rows.map(([, id = '', state = '']) => [unescape(id), appStatus[state as keyof typeof appStatus]]),
    blocking: run('Mesh Steward / checks')['conclusion'] === 'failure',
    accepted: String(run('Mesh Steward / checks')['output'].summary).includes(
      'Breaking change of commerce/orders accepted by `olivia`: Consumers migrate first.',
    ),
  };
}

/** Through `steward check --reviews` on a git repository holding the same two trees. */
async function throughTheCli() {
  const base = await baseTree();
  const repo = committedChange(breakOrders(base), base);
  const result = await checkWithReviews(
    repo.dir,
    {
      author: AUTHOR,
      reviews: reviews(repo.head, repo.base).map((r) => ({ ...r, state: 'APPROVED' })),
      teams,
      comments: [
        { author: 'olivia', body: waiver, url: 'https://x/7' },
        { author: 'olivia', body: '/steward accept-breaking Edited in.', url: 'https://x/8', edited: true },
      ],
    },
    ['--base', repo.base, '--head', repo.head, '--format', 'json'],
  );
  const report = JSON.parse(result.out) as Json;
  return {
    requirements: (report['approvals'] as Json[]).map((a) => [a['requirement'], a['status']]),
    blocking: (report['findings'] as Json[]).some((f) => f['severity'] === 'error'),
    accepted: (report['waivers'].accepted as Json[]).some(
      (w) => w['productId'] === 'commerce/orders' && w['by'] === 'olivia' && w['reason'] === 'Consumers migrate first.',
    ),
  };
}

describe('the App and steward check --reviews judge alike', () => {
  it('yields the same requirements, each met or pending alike, and the same accepted waiver', async () => {
    const app = await throughTheApp();
    const cli = await throughTheCli();
    expect(app.requirements).toEqual([
      ['consulted:commerce/orders:@acme/finance-data', 'pending'],
      ['consumer:logistics/shipments', 'pending'],
      ['owner:commerce/orders', 'met'],
    ]);
    expect(cli).toEqual(app);
    expect(app).toMatchObject({ blocking: false, accepted: true });
  });
});

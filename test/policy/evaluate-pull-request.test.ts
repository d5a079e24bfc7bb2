import { describe, expect, it } from 'vitest';
import type { PullRequestComment } from '../../src/policy/comments.js';
import type { Review } from '../../src/policy/evaluate-approvals.js';
import {
  approvedCommits,
  evaluatePullRequest,
  teamsToResolve,
  type ReviewSnapshot,
} from '../../src/policy/evaluate-pull-request.js';
import { addOrderField, ORDER_SCHEMA, ORDERS, scenario, SHIPMENTS } from '../helpers/scenario.js';

const teams = new Map([
  ['@acme/orders', ['olivia', 'alice']],
  ['@acme/shipping', ['sam']],
  ['@acme/finance-data', ['fiona']],
]);
const approve = (reviewer: string, commit = 'head', minute = 0): Review => ({
  reviewer,
  state: 'APPROVED',
  commit,
  submittedAt: `2026-11-22T10:${String(minute).padStart(2, '0')}:00Z`,
});
const say = (author: string, body: string, edited = false, bot = false): PullRequestComment => ({
  author,
  body,
  url: `https://x/${author}`,
  edited,
  bot,
});
const snapshot = (over: Partial<ReviewSnapshot>): ReviewSnapshot => ({
  author: 'alice',
  reviews: [],
  teams,
  changedSince: new Map([['head', new Set<string>()]]),
  comments: [],
  ...over,
});
const states = (e: ReturnType<typeof evaluatePullRequest>) => e.approvals.map((a) => [a.requirement.id, a.status]);

const breaking = () => scenario([addOrderField({ name: 'channel', type: 'string', doc: 'Channel.' })]);
/** A compatible change to orders and an edit of shipments: one requirement per product. */
const twoProducts = () =>
  scenario([
    addOrderField({ name: 'channel', type: 'string', default: 'web', doc: 'Channel.' }),
    [SHIPMENTS, (t) => t.replace('description: Parcels', 'description: All parcels')],
  ]);

describe('evaluatePullRequest', () => {
  it('never counts the author, as approver or as waiver, even as a member of the Accountable team', async () => {
    const { report } = await breaking();
    const e = evaluatePullRequest(
      report,
      snapshot({ reviews: [approve('alice')], comments: [say('alice', '/steward accept-breaking I say so.')] }),
    );
    expect(e.approvals.find((a) => a.requirement.id === 'owner:commerce/orders')).toMatchObject({
      status: 'pending',
      approvedBy: [],
    });
    expect(e.accepted).toEqual([]);
    expect(e.ignored.map((i) => i.why)).toEqual(['the author of a pull request cannot waive its breaking changes']);
    expect(e.report.blocking).toBe(true);
  });

  it('counts an approval only for the commits it saw: a push re-requires only the party whose product changed', async () => {
    const { report } = await twoProducts();
    const reviews = [approve('olivia', 'c1', 1), approve('sam', 'c1', 2)];
    const before = evaluatePullRequest(report, snapshot({ reviews, changedSince: new Map([['c1', new Set()]]) }));
    expect(states(before)).toEqual([
      ['owner:commerce/orders', 'met'],
      ['owner:logistics/shipments', 'met'],
    ]);
    const afterPush = evaluatePullRequest(
      report,
      snapshot({ reviews, changedSince: new Map([['c1', new Set([ORDER_SCHEMA])]]) }),
    );
    expect(states(afterPush)).toEqual([
      ['owner:commerce/orders', 'pending'],
      ['owner:logistics/shipments', 'met'],
    ]);
    expect(afterPush.approvals[0]?.stale).toEqual([{ reviewer: 'olivia', commit: 'c1' }]);
    // A commit the snapshot does not know (force-pushed away) proves nothing: its approvals are stale.
    expect(states(evaluatePullRequest(report, snapshot({ reviews, changedSince: new Map() })))).toEqual([
      ['owner:commerce/orders', 'pending'],
      ['owner:logistics/shipments', 'pending'],
    ]);
  });

  it('takes ownership from the base: a head that makes its author and an accomplice Accountable gains nothing', async () => {
    const { report } = await scenario([
      addOrderField({ name: 'channel', type: 'string', doc: 'Channel.' }),
      [ORDERS, (t) => t.replace('accountable: ["@acme/orders"]', 'accountable: ["@acme/orders", "alice", "mallory"]')],
    ]);
    const e = evaluatePullRequest(
      report,
      snapshot({
        reviews: [approve('mallory'), approve('alice')],
        comments: [say('mallory', '/steward accept-breaking Trust me.')],
      }),
    );
    const owner = e.approvals.find((a) => a.requirement.id === 'owner:commerce/orders');
    expect(owner?.requirement.parties).toEqual(['@acme/orders']);
    expect(owner).toMatchObject({ status: 'pending', approvedBy: [] });
    expect(e.accepted).toEqual([]);
    expect(e.ignored.map((i) => i.why)).toEqual(['mallory is not Accountable for commerce/orders']);
  });

  it('accepts a waiver from a trusted comment by the Accountable party, and only from such a comment', async () => {
    const { report } = await breaking();
    const body = '/steward accept-breaking Consumers migrate first.';
    const untrusted = evaluatePullRequest(
      report,
      snapshot({ comments: [say('olivia', body, true), say('olivia', body, false, true)] }),
    );
    expect(untrusted.accepted).toEqual([]);
    const e = evaluatePullRequest(report, snapshot({ comments: [say('olivia', body)] }));
    expect(e.accepted).toEqual([
      { productId: 'commerce/orders', by: 'olivia', reason: 'Consumers migrate first.', source: 'https://x/olivia' },
    ]);
    expect(e.report.blocking).toBe(false);
    // A waiver accepts the break; the approvals it needs still stand.
    expect(states(e).every(([, status]) => status === 'pending')).toBe(true);
  });

  it('meets every requirement when each party approves the head', async () => {
    const { report } = await breaking();
    const e = evaluatePullRequest(
      report,
      snapshot({ reviews: [approve('olivia', 'head', 1), approve('sam', 'head', 2), approve('fiona', 'head', 3)] }),
    );
    expect(states(e)).toEqual([
      ['consulted:commerce/orders:@acme/finance-data', 'met'],
      ['consumer:logistics/shipments', 'met'],
      ['owner:commerce/orders', 'met'],
    ]);
  });
});

describe('what a snapshot must hold', () => {
  it('names the teams the requirements need and the commits approvals were given on', async () => {
    const { report } = await breaking();
    expect(teamsToResolve(report).sort()).toEqual(['@acme/finance-data', '@acme/orders', '@acme/shipping']);
    expect(
      approvedCommits([approve('a', 'c1'), approve('b', 'c1'), { ...approve('c', 'c2'), state: 'COMMENTED' }]),
    ).toEqual(['c1']);
  });
});

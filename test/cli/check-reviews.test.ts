import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWithReviews, committedChange } from '../helpers/reviews-repo.js';
import { steward } from '../helpers/cli.js';
import { baseTree, breakOrders, extendOrders, ORDER_SCHEMA } from '../github/helpers/trees.js';

const teams = { '@acme/orders': ['olivia', 'alice'], '@acme/shipping': ['sam'], '@acme/finance-data': ['fiona'] };
const approve = (reviewer: string, commit: string, minute = 0) => ({
  reviewer,
  state: 'APPROVED',
  commit,
  submittedAt: `2026-11-22T10:${String(minute).padStart(2, '0')}:00Z`,
});
const waive = (author: string, reason = 'Consumers migrate first.', edited = false) => ({
  author,
  body: `/steward accept-breaking ${reason}`,
  url: `https://github.com/acme/mesh/pull/1#${author}`,
  edited,
});

interface Report {
  findings: { ruleId: string; severity: string }[];
  approvals: { requirement: string; status: string; approvedBy: string[]; stale: object[]; explanation: string }[];
  waivers: { accepted: object[]; ignored: { by: string; why: string }[] };
}

async function breaking() {
  const base = await baseTree();
  return committedChange(breakOrders(base), base);
}

describe('steward check --reviews', () => {
  it('reports each requirement met or pending, and the waiver that counts, in JSON', async () => {
    const repo = await breaking();
    const result = await checkWithReviews(
      repo.dir,
      {
        author: 'alice',
        reviews: [approve('olivia', repo.head, 1), approve('alice', repo.head, 2), approve('sam', repo.base, 3)],
        teams,
        comments: [waive('alice'), waive('olivia'), waive('olivia', 'Edited later.', true)],
      },
      ['--base', repo.base, '--head', repo.head, '--format', 'json'],
    );
    const report = JSON.parse(result.out) as Report;
    expect(report.approvals.map((a) => [a.requirement, a.status, a.approvedBy])).toEqual([
      ['consulted:commerce/orders:@acme/finance-data', 'pending', []],
      ['consumer:logistics/shipments', 'pending', []],
      ['owner:commerce/orders', 'met', ['olivia']],
    ]);
    // sam saw the base commit; the schema his approval covers changed since.
    expect(report.approvals[1]?.stale).toEqual([{ reviewer: 'sam', commit: repo.base }]);
    expect(report.waivers.accepted).toEqual([
      {
        productId: 'commerce/orders',
        by: 'olivia',
        reason: 'Consumers migrate first.',
        source: 'https://github.com/acme/mesh/pull/1#olivia',
      },
    ]);
    expect(report.waivers.ignored.map((i) => [i.by, i.why])).toEqual([
      ['alice', 'the author of a pull request cannot waive its breaking changes'],
    ]);
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['BREAKING_CHANGE_NEEDS_MAJOR', 'notice'],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', 'notice'],
    ]);
    // Nothing blocks any more, but two approvals are pending: the change does not pass yet.
    expect(result.code).toBe(1);
  });

  it('passes when every requirement is met, and says so in text', async () => {
    const base = await baseTree();
    const repo = committedChange(extendOrders(base), base);
    const result = await checkWithReviews(repo.dir, { author: 'alice', reviews: [approve('olivia', 'HEAD')], teams }, [
      '--base',
      'HEAD~1',
      '--head',
      'HEAD',
    ]);
    expect(result.out).toContain('Approval state (1 of 1 met):\n  - owner:commerce/orders: met — Approved by olivia.');
    expect(result.code).toBe(0);
  });

  it('writes workflow commands for the github format: an error per pending requirement, a notice per met one', async () => {
    const repo = await breaking();
    const result = await checkWithReviews(
      repo.dir,
      { author: 'alice', reviews: [approve('olivia', repo.head)], teams, comments: [waive('olivia')] },
      ['--base', repo.base, '--head', repo.head, '--format', 'github'],
    );
    const lines = result.out.split('\n');
    expect(lines).toContain('::notice title=Approval met::owner:commerce/orders: Approved by olivia.');
    expect(lines).toContain(
      '::error title=Approval pending::consumer:logistics/shipments: Waiting for one of @acme/shipping.',
    );
    expect(lines).toContain(
      '::notice title=Breaking change accepted::commerce/orders: accepted by olivia — Consumers migrate first.',
    );
  });

  it('judges the working tree: an approval of the head commit is stale once the covered files change again', async () => {
    const base = await baseTree();
    const repo = committedChange(extendOrders(base), base);
    const schema = join(repo.dir, ORDER_SCHEMA);
    writeFileSync(schema, readFileSync(schema, 'utf8').replace('Sales channel.', 'The sales channel.'));
    const result = await checkWithReviews(repo.dir, { author: 'alice', reviews: [approve('olivia', 'HEAD')], teams }, [
      '--base',
      'HEAD~1',
      '--format',
      'json',
    ]);
    const report = JSON.parse(result.out) as Report;
    expect(report.approvals).toMatchObject([{ status: 'pending', stale: [{ reviewer: 'olivia', commit: 'HEAD' }] }]);
  });

  it('refuses a malformed file with exit code 2 and names the field', async () => {
    const repo = await breaking();
    const bad = await checkWithReviews(repo.dir, { author: 'alice', reviews: [{ reviewer: 'olivia', state: 'OK' }] }, [
      '--base',
      repo.base,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('reviews[0].state must be one of APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED');
    const missing = await steward(['check', '--base', repo.base, '--reviews', 'no-such.json'], repo.dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--reviews: cannot read');
  });

  it('documents the file in its help', async () => {
    const help = await steward(['check', '--help']);
    expect(help.out).toContain('--reviews <file>');
    expect(help.out).toContain('"submittedAt": "2026-11-22T10:00:00Z"');
  });
});

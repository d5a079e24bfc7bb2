import { describe, expect, it } from 'vitest';
import { applyWaivers } from '../../src/policy/waivers.js';
import { toComments } from '../../src/github/read/comments.js';
import { parseCommand, waiverRequests } from '../../src/policy/comments.js';
import { addOrderField, scenario } from '../helpers/scenario.js';

const teams = new Map([['@acme/orders', ['olivia', 'alice']]]);
const breaking = () => scenario([addOrderField({ name: 'channel', type: 'string', doc: 'Channel.' })]);
const request = (by: string, reason = 'Consumers migrate first.') => ({ by, reason, source: 'https://x/1' });

describe('applyWaivers', () => {
  it('an Accountable party turns the break and its explanations into notices that carry the reason', async () => {
    const { report } = await breaking();
    expect(report.blocking).toBe(true);
    const waived = applyWaivers(report, [request('olivia')], { author: 'alice', teams });
    expect(waived.report.blocking).toBe(false);
    expect(waived.accepted).toEqual([{ productId: 'commerce/orders', ...request('olivia') }]);
    expect(waived.report.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['BREAKING_CHANGE_NEEDS_MAJOR', 'notice'],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', 'notice'],
    ]);
    expect(waived.report.findings[0]?.message).toMatch(/Accepted by olivia: Consumers migrate first\.$/);
    expect(waived.report.approvals).toBe(report.approvals);
  });

  it('never counts the author, a stranger, or a waiver without a reason', async () => {
    const { report } = await breaking();
    const waived = applyWaivers(report, [request('alice'), request('mallory'), request('olivia', ' ')], {
      author: 'alice',
      teams,
    });
    expect(waived.report).toBe(report);
    expect(waived.ignored.map((i) => i.why)).toEqual([
      'the author of a pull request cannot waive its breaking changes',
      'mallory is not Accountable for commerce/orders',
      'a waiver needs a reason',
    ]);
  });

  it('has nothing to waive on a compatible change', async () => {
    const { report } = await scenario([addOrderField({ name: 'channel', type: 'string', default: 'web', doc: 'C.' })]);
    expect(applyWaivers(report, [request('olivia')], { author: 'alice', teams }).ignored[0]?.why).toBe(
      'no breaking change is blocking',
    );
  });
});

describe('/steward commands', () => {
  it('parses the first line only, and only at the start of a comment', () => {
    expect(parseCommand('/steward recheck')).toEqual({ kind: 'recheck' });
    expect(parseCommand('/steward explain TOPIC_NAMING\nmore')).toEqual({ kind: 'explain', ruleId: 'TOPIC_NAMING' });
    expect(parseCommand('/steward accept-breaking  we migrate  ')).toEqual({
      kind: 'accept-breaking',
      reason: 'we migrate',
    });
    expect(parseCommand('please /steward recheck')).toBeUndefined();
    expect(parseCommand('/steward frobnicate')).toEqual({ kind: 'unknown', text: '/steward frobnicate' });
  });

  it('takes waivers from people’s unedited comments only', () => {
    const at = '2026-11-22T10:00:00Z';
    const base = { html_url: 'u', created_at: at, updated_at: at };
    const requests = waiverRequests(
      toComments([
        { ...base, id: 1, body: '/steward accept-breaking ok', user: { login: 'olivia', type: 'User' } },
        {
          ...base,
          id: 2,
          body: '/steward accept-breaking ok',
          user: { login: 'olivia', type: 'User' },
          updated_at: 'later',
        },
        { ...base, id: 3, body: '/steward accept-breaking ok', user: { login: 'steward[bot]', type: 'Bot' } },
      ]),
    );
    expect(requests).toEqual([{ by: 'olivia', reason: 'ok', source: 'u' }]);
  });
});

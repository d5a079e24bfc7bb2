import { describe, expect, it } from 'vitest';
import type { RequirementResult } from '../../src/policy/evaluate-approvals.js';
import type { Evaluation } from '../../src/policy/evaluate-pull-request.js';
import {
  approvalStateToJson,
  renderApprovalStateGithub,
  renderApprovalStateText,
  waiversToJson,
} from '../../src/render/check-approvals.js';
import { evaluation } from '../github/helpers/evaluation.js';

const result = (
  id: string,
  status: RequirementResult['status'],
  over: Partial<RequirementResult> = {},
): RequirementResult => ({
  requirement: { id, reasons: [], parties: ['alice'], count: 1, covers: [] },
  status,
  approvedBy: status === 'met' ? ['alice'] : [],
  stale: [],
  blockedBy: status === 'blocked' ? ['bob'] : [],
  explanation: status === 'met' ? 'Approved by alice.' : 'Waiting for alice.',
  ...over,
});

const withApprovals = (over: Partial<Evaluation>): Evaluation => ({ ...evaluation([]), ...over });

const full = withApprovals({
  approvals: [
    result('owner:orders', 'met'),
    result('consulted:orders:@org/sec', 'pending', {
      stale: [
        { reviewer: 'carol', commit: '0123456789abcdef' },
        { reviewer: 'dan', commit: 'fedcba9876543210' },
      ],
    }),
    result('domain:sales', 'blocked', { explanation: 'Changes requested by bob.' }),
  ],
  accepted: [{ productId: 'orders', by: 'alice', reason: 'consumers migrated', source: 'https://c/2' }],
  ignored: [{ request: { by: 'mallory', reason: 'ship it', source: 'https://c/1' }, why: 'mallory is the author.' }],
});

describe('renderApprovalStateText', () => {
  it('lists each requirement with its state and why, stale approvals, then the waivers', () => {
    expect(renderApprovalStateText(full)).toEqual([
      'Approval state (1 of 3 met):',
      '  - owner:orders: met — Approved by alice.',
      '  - consulted:orders:@org/sec: pending — Waiting for alice. Stale: carol at 0123456, dan at fedcba9 (changed since).',
      '  - domain:sales: changes requested — Changes requested by bob.',
      '',
      'Waivers:',
      '  - orders: breaking change accepted by alice — consumers migrated',
      '  - not counted, from mallory: mallory is the author.',
    ]);
  });

  it('says when no approval is required, and has no waiver block without waivers', () => {
    expect(renderApprovalStateText(withApprovals({}))).toEqual([
      'Approval state (0 of 0 met):',
      '  (no approval required)',
    ]);
  });

  it('shows a waiver block for ignored requests alone, with control characters escaped', () => {
    const lines = renderApprovalStateText(
      withApprovals({ ignored: [{ request: { by: 'eve', reason: 'x', source: 's' }, why: 'not\naccountable\u001b' }] }),
    );
    expect(lines).toEqual([
      'Approval state (0 of 0 met):',
      '  (no approval required)',
      '',
      'Waivers:',
      '  - not counted, from eve: not\\naccountable\\x1b',
    ]);
  });
});

describe('approvalStateToJson and waiversToJson', () => {
  it('keeps the state fields of a requirement, without the requirement itself', () => {
    const stale = [{ reviewer: 'carol', commit: 'abc' }];
    expect(approvalStateToJson(result('r', 'blocked', { stale }))).toEqual({
      status: 'blocked',
      approvedBy: [],
      stale,
      blockedBy: ['bob'],
      explanation: 'Waiting for alice.',
    });
  });

  it('answers the accepted waivers and each ignored request with its reason', () => {
    expect(waiversToJson(full)).toEqual({
      accepted: [{ productId: 'orders', by: 'alice', reason: 'consumers migrated', source: 'https://c/2' }],
      ignored: [{ by: 'mallory', reason: 'ship it', source: 'https://c/1', why: 'mallory is the author.' }],
    });
  });
});

describe('renderApprovalStateGithub', () => {
  it('prints a notice for each met requirement and accepted waiver, an error for every other', () => {
    expect(renderApprovalStateGithub(full)).toBe(
      [
        '::notice title=Approval met::owner:orders: Approved by alice.',
        '::error title=Approval pending::consulted:orders:@org/sec: Waiting for alice. Stale: carol at 0123456, dan at fedcba9 (changed since).',
        '::error title=Approval changes requested::domain:sales: Changes requested by bob.',
        '::notice title=Breaking change accepted::orders: accepted by alice — consumers migrated',
      ].join('\n') + '\n',
    );
  });

  it('encodes data and properties, and prints nothing when there is nothing to say', () => {
    const odd = withApprovals({ approvals: [result('a:b', 'pending', { explanation: '50%\ndone' })] });
    expect(renderApprovalStateGithub(odd)).toBe('::error title=Approval pending::a:b: 50%25%0Adone\n');
    expect(renderApprovalStateGithub(withApprovals({ ignored: full.ignored }))).toBe('');
  });
});

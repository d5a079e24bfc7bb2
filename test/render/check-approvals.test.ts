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
  extra: Partial<RequirementResult> = {},
): RequirementResult => ({
  requirement: { id, reasons: ['why'], parties: ['@acme/orders'], count: 1, covers: [] },
  status,
  approvedBy: status === 'met' ? ['alice'] : [],
  stale: [],
  blockedBy: status === 'blocked' ? ['bob'] : [],
  explanation: `${id} is ${status}.`,
  ...extra,
});

const withState = (approvals: RequirementResult[], extra: Partial<Evaluation> = {}): Evaluation => ({
  ...evaluation([]),
  approvals,
  ...extra,
});

const accepted = { productId: 'commerce/orders', by: 'alice', reason: 'consumers agreed', source: 'u1' };
const ignored = { request: { by: 'mallory', reason: 'trust me', source: 'u2' }, why: 'mallory is not Accountable' };

describe('renderApprovalStateText', () => {
  it('lists each requirement with its state and explanation, and counts the met ones', () => {
    expect(
      renderApprovalStateText(
        withState([result('owner:a', 'met'), result('consumer:b', 'pending'), result('c', 'blocked')]),
      ),
    ).toEqual([
      'Approval state (1 of 3 met):',
      '  - owner:a: met — owner:a is met.',
      '  - consumer:b: pending — consumer:b is pending.',
      '  - c: changes requested — c is blocked.',
    ]);
  });

  it('says when no approval is required', () => {
    expect(renderApprovalStateText(withState([]))).toEqual([
      'Approval state (0 of 0 met):',
      '  (no approval required)',
    ]);
  });

  it('names stale approvals with their short commit', () => {
    const stale = result('owner:a', 'pending', {
      stale: [
        { reviewer: 'carol', commit: '0123456789abcdef' },
        { reviewer: 'dan', commit: 'fedcba9876' },
      ],
    });
    expect(renderApprovalStateText(withState([stale]))[1]).toBe(
      '  - owner:a: pending — owner:a is pending. Stale: carol at 0123456, dan at fedcba9 (changed since).',
    );
  });

  it('lists accepted waivers and requests that did not count', () => {
    expect(renderApprovalStateText(withState([], { accepted: [accepted], ignored: [ignored] }))).toEqual([
      'Approval state (0 of 0 met):',
      '  (no approval required)',
      '',
      'Waivers:',
      '  - commerce/orders: breaking change accepted by alice — consumers agreed',
      '  - not counted, from mallory: mallory is not Accountable',
    ]);
    expect(renderApprovalStateText(withState([], { ignored: [ignored] }))).toContain('Waivers:');
  });

  it('shows control characters escaped', () => {
    const lines = renderApprovalStateText(withState([], { accepted: [{ ...accepted, reason: 'a\nb\u001b' }] }));
    expect(lines.at(-1)).toBe('  - commerce/orders: breaking change accepted by alice — a\\nb\\x1b');
  });
});

describe('approvalStateToJson and waiversToJson', () => {
  it('takes the state fields of a requirement result', () => {
    const stale = [{ reviewer: 'carol', commit: 'abc' }];
    expect(approvalStateToJson(result('owner:a', 'blocked', { stale }))).toEqual({
      status: 'blocked',
      approvedBy: [],
      stale,
      blockedBy: ['bob'],
      explanation: 'owner:a is blocked.',
    });
  });

  it('flattens ignored requests with why they did not count', () => {
    expect(waiversToJson(withState([], { accepted: [accepted], ignored: [ignored] }))).toEqual({
      accepted: [accepted],
      ignored: [{ by: 'mallory', reason: 'trust me', source: 'u2', why: 'mallory is not Accountable' }],
    });
  });
});

describe('renderApprovalStateGithub', () => {
  it('makes an error of each requirement not met, and a notice of each met one and each waiver', () => {
    const stale = [{ reviewer: 'carol', commit: '0123456789' }];
    expect(
      renderApprovalStateGithub(
        withState([result('owner:a', 'met'), result('b', 'pending', { stale }), result('c', 'blocked')], {
          accepted: [accepted],
        }),
      ),
    ).toBe(
      [
        '::notice title=Approval met::owner:a: owner:a is met.',
        '::error title=Approval pending::b: b is pending. Stale: carol at 0123456 (changed since).',
        '::error title=Approval changes requested::c: c is blocked.',
        '::notice title=Breaking change accepted::commerce/orders: accepted by alice — consumers agreed',
        '',
      ].join('\n'),
    );
  });

  it('is empty when there is nothing to say', () => {
    expect(renderApprovalStateGithub(withState([]))).toBe('');
  });

  it('encodes newlines and percent signs in the data', () => {
    expect(renderApprovalStateGithub(withState([result('a', 'met', { explanation: '100%\ndone' })]))).toBe(
      '::notice title=Approval met::a: 100%25%0Adone\n',
    );
  });
});

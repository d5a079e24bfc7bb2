import { describe, expect, it } from 'vitest';
import type { Operation } from '../../src/plan/operations.js';
import {
  describeOperation,
  planToJson,
  renderPlanMarkdown,
  renderPlanText,
  renderReportText,
  reportToJson,
  statusLabel,
  summarizeOutcomes,
  type RenderedOutcome,
} from '../../src/render/plan.js';

const createTopic: Operation = {
  kind: 'create-topic',
  resource: 'topic:orders.v1',
  topic: {
    name: 'orders.v1',
    partitions: 12,
    replicationFactor: 3,
    configs: { 'cleanup.policy': 'compact', 'retention.ms': '5' },
  },
};
const register: Operation = {
  kind: 'register-schema',
  resource: 'subject:orders.v1-value',
  schema: '"string"',
  references: [],
  previousVersion: undefined,
};
const revoke: Operation = {
  kind: 'delete-acl',
  resource: 'acl:topic:orders.v1:User:x:READ',
  acl: { resourceType: 'topic', resourceName: 'orders.v1', principal: 'User:x', operation: 'READ' },
};

describe('describeOperation', () => {
  it('describes topic changes', () => {
    expect(describeOperation(createTopic)).toBe(
      '+ create topic orders.v1 (12 partitions, replication 3; cleanup.policy=compact, retention.ms=5)',
    );
    expect(describeOperation({ ...createTopic, topic: { ...createTopic.topic, configs: {} } } as Operation)).toBe(
      '+ create topic orders.v1 (12 partitions, replication 3)',
    );
    expect(describeOperation({ kind: 'add-partitions', resource: 'topic:t', from: 3, to: 6 })).toBe(
      '~ add partitions to topic t: 3 → 6',
    );
    expect(
      describeOperation({
        kind: 'alter-config',
        resource: 'topic:t',
        set: { 'retention.ms': '9' },
        remove: ['segment.ms'],
      }),
    ).toBe('~ alter config of topic t: set retention.ms=9, reset segment.ms to the default');
    expect(
      describeOperation({ kind: 'change-replication', resource: 'topic:t', from: 1, to: 3, skipped: 'unsupported.' }),
    ).toBe('! replication factor of topic t: 1 → 3 not attempted: unsupported.');
    expect(
      describeOperation({ kind: 'shrink-partitions', resource: 'topic:t', from: 6, to: 3, skipped: 'never.' }),
    ).toBe('! partitions of topic t: 6 → 3 not attempted: never.');
  });

  it('describes subject changes', () => {
    expect(describeOperation(register)).toBe('+ register schema as version 1 of new subject orders.v1-value');
    expect(
      describeOperation({
        ...register,
        previousVersion: 4,
        references: [
          { name: 'A', subject: 'common-a' },
          { name: 'B', subject: 'common-b' },
        ],
      } as Operation),
    ).toBe('+ register schema as version 5 of subject orders.v1-value; references common-a, common-b');
    expect(describeOperation({ ...register, skipped: 'it is version 2 already.' } as Operation)).toBe(
      '! schema of subject orders.v1-value not registered: it is version 2 already.',
    );
    const level = { kind: 'set-compatibility', resource: 'subject:s', to: 'NONE' } as const;
    expect(describeOperation({ ...level, from: 'FULL', timing: 'before-register' })).toBe(
      '~ set compatibility of subject s: FULL → NONE (loosening: before registering)',
    );
    expect(describeOperation({ ...level, from: undefined, timing: 'after-register' })).toBe(
      '~ set compatibility of subject s: registry default → NONE (after registering)',
    );
  });

  it('describes grants, revocations and deletions', () => {
    expect(
      describeOperation({
        kind: 'create-acl',
        resource: 'acl:x',
        acl: { ...revoke.acl, resourceType: 'group', resourceName: 'g' },
      }),
    ).toBe('+ grant READ on group g to User:x');
    expect(describeOperation(revoke)).toBe('- revoke READ on topic orders.v1 from User:x');
    expect(describeOperation({ kind: 'delete-topic', resource: 'topic:old' })).toBe(
      '- delete topic old (retired product)',
    );
    expect(
      describeOperation({
        kind: 'delete-subject',
        resource: 'subject:old-value',
        skipped: 'is kept: deletions are off.',
      }),
    ).toBe('! subject old-value of a retired product is kept: deletions are off.');
  });
});

describe('renderPlanText', () => {
  it('lists notes, one line per operation and a count, with control characters escaped', () => {
    const hostile = { ...revoke, acl: { ...revoke.acl, principal: 'User:x\n\u001b[2J' } } as Operation;
    expect(renderPlanText([createTopic, hostile], ['replication\nforced to 1'])).toBe(
      'note: replication\\nforced to 1\n' +
        '+ create topic orders.v1 (12 partitions, replication 3; cleanup.policy=compact, retention.ms=5)\n' +
        '- revoke READ on topic orders.v1 from User:x\\n\\x1b[2J\n' +
        '2 operation(s).\n',
    );
  });

  it('says the cluster is in sync when there is nothing to do', () => {
    expect(renderPlanText([], [])).toBe('In sync: nothing to change.\n');
    expect(renderPlanText([], ['n'])).toBe('note: n\nIn sync: nothing to change.\n');
  });
});

describe('renderPlanMarkdown', () => {
  it('puts the operations in a diff block after the notes', () => {
    expect(renderPlanMarkdown([createTopic, register], ['forced'])).toBe(
      '> **Note:** forced\n\n**Plan:** 2 operation(s), in apply order.\n\n```diff\n' +
        '+ create topic orders.v1 (12 partitions, replication 3; cleanup.policy=compact, retention.ms=5)\n' +
        '+ register schema as version 1 of new subject orders.v1-value\n```\n',
    );
  });

  it('counts the operations beyond the limit, and keeps a value with a newline on its line', () => {
    const sneaky = { ...revoke, acl: { ...revoke.acl, principal: 'x\n```\n@all' } } as Operation;
    expect(renderPlanMarkdown([sneaky, createTopic, register], [], 1)).toBe(
      '**Plan:** 3 operation(s), in apply order.\n\n```diff\n- revoke READ on topic orders.v1 from x\\n```\\n@all\n```\n' +
        '… and 2 more operation(s).\n',
    );
    expect(renderPlanMarkdown([], [])).toBe('**Plan:** in sync, nothing to change.\n');
  });

  it('answers a plain copy as JSON', () => {
    const ops = [createTopic];
    const json = planToJson(ops, ['n']);
    expect(json).toEqual({ operations: [createTopic], notices: ['n'] });
    expect(json.operations).not.toBe(ops);
  });
});

describe('outcome reports', () => {
  const outcome = (operation: Operation, status: RenderedOutcome['status'], message?: string): RenderedOutcome => ({
    operation,
    status,
    ...(message === undefined ? {} : { message }),
  });

  it('labels each outcome, adds its message except for a held-back one, and summarizes', () => {
    const held = { kind: 'delete-topic', resource: 'topic:old', skipped: 'is kept.' } as Operation;
    expect(
      renderReportText(
        [outcome(createTopic, 'succeeded', 'created'), outcome(held, 'not-attempted', 'is kept.')],
        ['n'],
      ),
    ).toBe(
      'note: n\n[succeeded] + create topic orders.v1 (12 partitions, replication 3; cleanup.policy=compact, retention.ms=5) — created\n' +
        '[not-attempted] ! topic old of a retired product is kept.\n' +
        'Applied: 1 succeeded, 0 failed, 0 skipped, 1 not attempted.\n',
    );
  });

  it('tells what to do after failures and unknown outcomes', () => {
    const text = renderReportText(
      [outcome(register, 'failed', 'HTTP 409'), outcome(revoke, 'unknown', 'no answer')],
      [],
    );
    expect(text.split('\n')).toEqual([
      '[failed] + register schema as version 1 of new subject orders.v1-value — HTTP 409',
      '[outcome unknown] - revoke READ on topic orders.v1 from User:x — no answer',
      'Applied: 0 succeeded, 1 failed, 0 skipped, 0 not attempted, 1 outcome unknown.',
      'Some operations did not succeed; fix the cause above and run `steward apply` again: it re-plans from live state and converges.',
      'Some operations got no answer, so their outcome is unknown; run `steward plan` or `steward apply` again: the plan reads live state and settles them.',
      '',
    ]);
    expect(renderReportText([outcome(register, 'skipped', 'x')], [])).toMatch(/Some operations did not succeed/);
  });

  it('names the statuses and sums them up', () => {
    expect(statusLabel('unknown')).toBe('outcome unknown');
    expect(statusLabel('skipped')).toBe('skipped');
    expect(summarizeOutcomes([])).toBe('Applied: nothing to change.');
    expect(summarizeOutcomes([outcome(register, 'skipped'), outcome(revoke, 'succeeded')])).toBe(
      'Applied: 1 succeeded, 0 failed, 1 skipped, 0 not attempted.',
    );
  });

  it('reports each operation with its status, message and registration as JSON', () => {
    const registered = { ...outcome(register, 'succeeded'), registered: { id: 7, version: 2 } };
    expect(reportToJson([registered, outcome(revoke, 'failed', 'denied')], ['n'])).toEqual({
      operations: [
        { ...register, status: 'succeeded', registered: { id: 7, version: 2 } },
        { ...revoke, status: 'failed', message: 'denied' },
      ],
      notices: ['n'],
    });
  });
});

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

const topic = { name: 'orders.v1', partitions: 12, replicationFactor: 3, configs: {} };
const grant = { resourceType: 'topic', resourceName: 'orders.v1', principal: 'User:x', operation: 'READ' } as const;
const create: Operation = { kind: 'create-topic', resource: 'topic:orders.v1', topic };
const register = (previousVersion: number | undefined, extra: object = {}): Operation => ({
  kind: 'register-schema',
  resource: 'subject:orders.v1-value',
  schema: '"string"',
  references: [],
  previousVersion,
  ...extra,
});

describe('describeOperation', () => {
  it('describes topic operations', () => {
    expect(describeOperation(create)).toBe('+ create topic orders.v1 (12 partitions, replication 3)');
    expect(
      describeOperation({
        ...create,
        topic: { ...topic, configs: { 'cleanup.policy': 'compact', 'retention.ms': '-1' } },
      }),
    ).toBe('+ create topic orders.v1 (12 partitions, replication 3; cleanup.policy=compact, retention.ms=-1)');
    expect(describeOperation({ kind: 'add-partitions', resource: 'topic:orders.v1', from: 6, to: 12 })).toBe(
      '~ add partitions to topic orders.v1: 6 → 12',
    );
    expect(
      describeOperation({
        kind: 'alter-config',
        resource: 'topic:orders.v1',
        set: { 'retention.ms': '1000' },
        remove: ['segment.ms'],
      }),
    ).toBe('~ alter config of topic orders.v1: set retention.ms=1000, reset segment.ms to the default');
  });

  it('describes compatibility changes with their timing', () => {
    const op = {
      kind: 'set-compatibility',
      resource: 'subject:s',
      from: 'FULL',
      to: 'BACKWARD',
      timing: 'before-register',
    } as const;
    expect(describeOperation(op)).toBe(
      '~ set compatibility of subject s: FULL → BACKWARD (loosening: before registering)',
    );
    expect(describeOperation({ ...op, from: undefined, timing: 'after-register' })).toBe(
      '~ set compatibility of subject s: registry default → BACKWARD (after registering)',
    );
  });

  it('describes registrations: new subject, next version, references, or why not', () => {
    expect(describeOperation(register(undefined))).toBe(
      '+ register schema as version 1 of new subject orders.v1-value',
    );
    expect(describeOperation(register(4))).toBe('+ register schema as version 5 of subject orders.v1-value');
    expect(
      describeOperation(
        register(0, {
          references: [
            { name: 'a.B', subject: 'a.B' },
            { name: 'a.C', subject: 'a.C' },
          ],
        }),
      ),
    ).toBe('+ register schema as version 1 of subject orders.v1-value; references a.B, a.C');
    expect(describeOperation(register(4, { skipped: 'it is version 2 already' }))).toBe(
      '! schema of subject orders.v1-value not registered: it is version 2 already',
    );
  });

  it('describes grants and revocations', () => {
    expect(describeOperation({ kind: 'create-acl', resource: 'acl:x', acl: grant })).toBe(
      '+ grant READ on topic orders.v1 to User:x',
    );
    expect(describeOperation({ kind: 'delete-acl', resource: 'acl:x', acl: grant })).toBe(
      '- revoke READ on topic orders.v1 from User:x',
    );
  });

  it('describes deletions of what retired products leave, done or held', () => {
    expect(describeOperation({ kind: 'delete-topic', resource: 'topic:old.v1' })).toBe(
      '- delete topic old.v1 (retired product)',
    );
    expect(describeOperation({ kind: 'delete-subject', resource: 'subject:old.v1-value' })).toBe(
      '- delete subject old.v1-value (retired product)',
    );
    expect(
      describeOperation({ kind: 'delete-topic', resource: 'topic:old.v1', skipped: 'is kept: deletions are off' }),
    ).toBe('! topic old.v1 of a retired product is kept: deletions are off');
  });

  it('describes what is never attempted', () => {
    expect(
      describeOperation({
        kind: 'change-replication',
        resource: 'topic:t',
        from: 3,
        to: 2,
        skipped: 'use reassignment',
      }),
    ).toBe('! replication factor of topic t: 3 → 2 not attempted: use reassignment');
    expect(
      describeOperation({ kind: 'shrink-partitions', resource: 'topic:t', from: 6, to: 3, skipped: 'Kafka cannot' }),
    ).toBe('! partitions of topic t: 6 → 3 not attempted: Kafka cannot');
  });
});

describe('renderPlanText', () => {
  it('lists notes, operations and a count', () => {
    expect(renderPlanText([create, register(undefined)], ['heads up'])).toBe(
      'note: heads up\nPlan: 2 to create, 0 to change, 0 to grant, 0 to revoke, 0 to delete, 0 held back.\n+ create topic orders.v1 (12 partitions, replication 3)\n+ register schema as version 1 of new subject orders.v1-value\n2 operation(s).\n',
    );
  });

  it('says in sync when there is nothing to do, and escapes control characters', () => {
    expect(renderPlanText([], ['a\nb'])).toBe('note: a\\nb\nIn sync: nothing to change.\n');
    const hostile: Operation = {
      kind: 'create-acl',
      resource: 'acl:x',
      acl: { ...grant, principal: 'User:\u001b[2J' },
    };
    expect(renderPlanText([hostile], [])).toContain('to User:\\x1b[2J\n');
  });
});

describe('renderPlanMarkdown', () => {
  it('fences the operations in a diff block, after the notes', () => {
    expect(renderPlanMarkdown([create], ['n'])).toBe(
      '> **Note:** n\n\n**Plan:** 1 operation(s), in apply order. 1 to create, 0 to change, 0 to grant, 0 to revoke, 0 to delete, 0 held back.\n\n```diff\n+ create topic orders.v1 (12 partitions, replication 3)\n```\n',
    );
  });

  it('counts operations beyond the limit', () => {
    const text = renderPlanMarkdown([create, create, create], [], 1);
    expect(text).toBe(
      '**Plan:** 3 operation(s), in apply order. 3 to create, 0 to change, 0 to grant, 0 to revoke, 0 to delete, 0 held back.\n\n```diff\n+ create topic orders.v1 (12 partitions, replication 3)\n```\n… and 2 more operation(s).\n',
    );
  });

  it('keeps a value with a newline or backticks inside the fence', () => {
    const hostile: Operation = {
      kind: 'create-acl',
      resource: 'acl:x',
      acl: { ...grant, principal: 'User:a\n```\nb' },
    };
    expect(
      renderPlanMarkdown([hostile], [])
        .split('\n')
        .filter((l) => l.startsWith('```')),
    ).toEqual(['```diff', '```']);
  });

  it('says in sync when there is nothing to do', () => {
    expect(renderPlanMarkdown([], [])).toBe('**Plan:** in sync, nothing to change.\n');
  });
});

describe('planToJson', () => {
  it('copies operations and notices', () => {
    const ops = [create];
    const json = planToJson(ops, ['n']);
    expect(json).toEqual({
      summary: 'Plan: 1 to create, 0 to change, 0 to grant, 0 to revoke, 0 to delete, 0 held back.',
      operations: [create],
      notices: ['n'],
      findings: [],
    });
    expect(json.operations).not.toBe(ops);
  });
});

describe('reports', () => {
  const outcome = (status: RenderedOutcome['status'], extra: Partial<RenderedOutcome> = {}): RenderedOutcome => ({
    operation: create,
    status,
    ...extra,
  });

  it('labels an unknown outcome so nobody reads it as a failure', () => {
    expect(statusLabel('unknown')).toBe('outcome unknown');
    expect(statusLabel('failed')).toBe('failed');
  });

  it('counts outcomes, naming unknown ones only when there are any', () => {
    expect(summarizeOutcomes([])).toBe('Applied: nothing to change.');
    expect(
      summarizeOutcomes([outcome('succeeded'), outcome('succeeded'), outcome('failed'), outcome('not-attempted')]),
    ).toBe('Applied: 2 succeeded, 1 failed, 0 skipped, 1 not attempted.');
    expect(summarizeOutcomes([outcome('unknown'), outcome('skipped')])).toBe(
      'Applied: 0 succeeded, 0 failed, 1 skipped, 0 not attempted, 1 outcome unknown.',
    );
  });

  it('prints each outcome with its message, except a held-back one’s', () => {
    const text = renderReportText(
      [
        outcome('succeeded'),
        outcome('failed', { message: 'broker said no' }),
        outcome('not-attempted', { message: 'held' }),
      ],
      ['n'],
    );
    expect(text.split('\n')).toEqual([
      'note: n',
      '[succeeded] + create topic orders.v1 (12 partitions, replication 3)',
      '[failed] + create topic orders.v1 (12 partitions, replication 3) — broker said no',
      '[not-attempted] + create topic orders.v1 (12 partitions, replication 3)',
      'Applied: 1 succeeded, 1 failed, 0 skipped, 1 not attempted.',
      'Some operations did not succeed; fix the cause above and run `steward apply` again: it re-plans from live state and converges.',
      '',
    ]);
  });

  it('advises a re-run for unknown outcomes, and nothing when all succeeded', () => {
    const unknown = renderReportText([outcome('unknown', { message: 'timed out' })], []);
    expect(unknown).toContain(
      '[outcome unknown] + create topic orders.v1 (12 partitions, replication 3) — timed out\n',
    );
    expect(unknown).toContain('Some operations got no answer, so their outcome is unknown;');
    expect(unknown).not.toContain('did not succeed');
    expect(renderReportText([outcome('succeeded')], [])).toBe(
      '[succeeded] + create topic orders.v1 (12 partitions, replication 3)\nApplied: 1 succeeded, 0 failed, 0 skipped, 0 not attempted.\n',
    );
    expect(renderReportText([outcome('skipped')], [])).toContain('did not succeed');
  });

  it('escapes control characters in a report', () => {
    expect(renderReportText([outcome('failed', { message: 'x\ny' })], [])).toContain(' — x\\ny\n');
  });

  it('gives each operation its status, and a message and registration only when present', () => {
    expect(
      reportToJson(
        [outcome('succeeded', { registered: { id: 7, version: 2 } }), outcome('failed', { message: 'no' })],
        ['n'],
      ),
    ).toEqual({
      operations: [
        { ...create, status: 'succeeded', registered: { id: 7, version: 2 } },
        { ...create, status: 'failed', message: 'no' },
      ],
      notices: ['n'],
    });
    const [plain] = reportToJson([outcome('succeeded')], []).operations;
    expect(plain && ('message' in plain || 'registered' in plain)).toBe(false);
  });
});

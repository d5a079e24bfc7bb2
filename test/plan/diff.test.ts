import { describe, expect, it } from 'vitest';
import { diffConfigs, diffState } from '../../src/plan/diff.js';
import { isTightening } from '../../src/plan/compatibility.js';
import type { ActualState, DesiredState, SubjectSpec } from '../../src/plan/state.js';

const topic = { name: 't', partitions: 3, replicationFactor: 1, configs: { 'cleanup.policy': 'compact' } };
const subject: SubjectSpec = {
  subject: 't-value',
  schema: '{"type":"string"}',
  references: [],
  compatibility: 'BACKWARD',
};
const desired = (over: Partial<DesiredState> = {}): DesiredState => ({
  topics: [topic],
  subjects: [subject],
  acls: [{ resourceType: 'topic', resourceName: 't', principal: 'User:w', operation: 'WRITE' }],
  retired: { topics: [], subjects: [] },
  groups: [],
  allowDeletions: false,
  notices: [],
  ...over,
});
const inSync = (over: Partial<ActualState> = {}): ActualState => ({
  topics: new Map([['t', { name: 't', partitions: 3, replicationFactor: 1 }]]),
  configs: new Map([['t', { dynamic: { 'cleanup.policy': 'compact' }, defaults: { 'retention.ms': '604800000' } }]]),
  subjects: new Map([
    ['t-value', { subject: 't-value', version: 1, id: 7, schema: '{ "type": "string" }', references: [] }],
  ]),
  compatibility: new Map([['t-value', 'BACKWARD']]),
  acls: [{ resourceType: 'topic', resourceName: 't', principal: 'User:w', operation: 'WRITE' }],
  ...over,
});

describe('diffState', () => {
  it('finds nothing when the cluster matches (schema formatting aside)', () => {
    expect(diffState(desired(), inSync())).toEqual([]);
  });

  it('creates what is missing', () => {
    const empty: ActualState = {
      topics: new Map(),
      configs: new Map(),
      subjects: new Map(),
      compatibility: new Map(),
      acls: [],
    };
    expect(diffState(desired(), empty).map((o) => o.kind)).toEqual([
      'create-topic',
      'register-schema',
      'set-compatibility',
      'create-acl',
    ]);
  });

  it('grows partitions, never shrinks, and reports replication without attempting it', () => {
    const ops = diffState(desired({ topics: [{ ...topic, partitions: 6, replicationFactor: 3 }] }), inSync());
    expect(ops.map((o) => [o.kind, 'skipped' in o ? Boolean(o.skipped) : false])).toEqual([
      ['add-partitions', false],
      ['change-replication', true],
    ]);
    const shrink = diffState(desired({ topics: [{ ...topic, partitions: 1 }] }), inSync());
    expect(shrink[0]).toMatchObject({ kind: 'shrink-partitions', from: 3, to: 1 });
  });

  it('loosening goes before the registration, tightening after', () => {
    const changed = { ...subject, schema: '{"type":"long"}' };
    const loosen = diffState(desired({ subjects: [{ ...changed, compatibility: 'NONE' }] }), inSync());
    expect(loosen.find((o) => o.kind === 'set-compatibility')).toMatchObject({ timing: 'before-register' });
    const tighten = diffState(desired({ subjects: [{ ...changed, compatibility: 'FULL_TRANSITIVE' }] }), inSync());
    expect(tighten.find((o) => o.kind === 'set-compatibility')).toMatchObject({ timing: 'after-register' });
  });

  it('gates deletions of retired products on settings', () => {
    const retired = { retired: { topics: ['t'], subjects: ['t-value'] }, topics: [], subjects: [], acls: [] };
    const blocked = diffState(desired(retired), inSync());
    expect(blocked.map((o) => [o.kind, 'skipped' in o && o.skipped !== undefined])).toEqual([
      ['delete-acl', true],
      ['delete-subject', true],
      ['delete-topic', true],
    ]);
    const allowed = diffState(desired({ ...retired, allowDeletions: true }), inSync());
    expect(allowed.every((o) => !('skipped' in o) || o.skipped === undefined)).toBe(true);
  });

  it('revokes an undeclared grant on an owned topic', () => {
    const extra = {
      resourceType: 'topic' as const,
      resourceName: 't',
      principal: 'User:gone',
      operation: 'READ' as const,
    };
    const ops = diffState(desired(), inSync({ acls: [...inSync().acls, extra] }));
    expect(ops).toEqual([{ kind: 'delete-acl', resource: 'acl:topic:t:User:gone:READ', acl: extra }]);
  });
});

describe('diffConfigs', () => {
  it('treats a declared value equal to the broker default as in sync', () => {
    expect(
      diffConfigs({ 'retention.ms': '604800000' }, { dynamic: {}, defaults: { 'retention.ms': '604800000' } }),
    ).toBeUndefined();
  });

  it('sets what differs and resets undeclared topic configs', () => {
    expect(
      diffConfigs(
        { 'retention.ms': '1' },
        { dynamic: { 'segment.ms': '5' }, defaults: { 'retention.ms': '604800000' } },
      ),
    ).toEqual({ set: { 'retention.ms': '1' }, remove: ['segment.ms'] });
  });
});

describe('isTightening', () => {
  it.each([
    ['BACKWARD', 'FULL', true],
    ['BACKWARD', 'BACKWARD_TRANSITIVE', true],
    ['NONE', 'FORWARD', true],
    ['FULL', 'BACKWARD', false],
    ['BACKWARD_TRANSITIVE', 'BACKWARD', false],
    ['BACKWARD', 'FORWARD', false],
    ['FULL_TRANSITIVE', 'NONE', false],
  ] as const)('%s → %s: %s', (from, to, expected) => {
    expect(isTightening(from, to)).toBe(expected);
  });
});

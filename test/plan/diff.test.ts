import { describe, expect, it } from 'vitest';
import { isLoosening } from '../../src/catalog/compatibility.js';
import { diffConfigs, diffState } from '../../src/plan/diff.js';
import { describeOperation } from '../../src/render/plan.js';
import type { AclBinding, ActualState, DesiredState, SubjectSpec } from '../../src/plan/state.js';

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

describe('diffState: ACLs the catalog does not grant', () => {
  const owned = desired({
    topics: [topic, { ...topic, name: 'commerce.orders' }],
    subjects: [],
    acls: [
      { resourceType: 'topic', resourceName: 't', principal: 'User:w', operation: 'WRITE' },
      { resourceType: 'group', resourceName: 'g', principal: 'User:r', operation: 'READ' },
    ],
    groups: ['g'],
  });
  const actual = (acls: AclBinding[]) =>
    inSync({
      topics: new Map([
        ['t', { name: 't', partitions: 3, replicationFactor: 1 }],
        ['commerce.orders', { name: 'commerce.orders', partitions: 3, replicationFactor: 1 }],
      ]),
      configs: new Map([
        ['t', { dynamic: { 'cleanup.policy': 'compact' }, defaults: {} }],
        ['commerce.orders', { dynamic: { 'cleanup.policy': 'compact' }, defaults: {} }],
      ]),
      acls: [...owned.acls, ...acls],
    });
  const acl = (over: Partial<AclBinding>): AclBinding => ({
    resourceType: 'topic',
    resourceName: 't',
    principal: 'User:x',
    operation: 'READ',
    ...over,
  });

  it('revokes every over-broad ALLOW on an owned resource, saying why', () => {
    const broad = [
      acl({ operation: 'ALL' }),
      acl({ operation: 'ALTER' }),
      acl({ host: '10.0.0.1' }),
      acl({ resourceName: '*' }),
      acl({ resourceName: 'commerce.', patternType: 'prefixed' }),
      acl({ resourceType: 'group', resourceName: 'g', operation: 'ALL' }),
      acl({ resourceType: 'group', resourceName: '', patternType: 'prefixed' }),
    ];
    const ops = diffState(owned, actual(broad));
    expect(ops.map((o) => o.kind)).toEqual(broad.map(() => 'delete-acl'));
    expect(ops.map((o) => o.resource)).toEqual([
      'acl:topic:t:User:x:ALL',
      'acl:topic:t:User:x:ALTER',
      'acl:topic:t:User:x:READ@10.0.0.1',
      'acl:topic:*:User:x:READ',
      'acl:topic-prefixed:commerce.:User:x:READ',
      'acl:group:g:User:x:ALL',
      'acl:group-prefixed::User:x:READ',
    ]);
    expect(ops.map((o) => ('covers' in o ? o.covers : undefined))).toEqual([
      undefined,
      undefined,
      undefined,
      ['commerce.orders', 't'],
      ['commerce.orders'],
      undefined,
      ['g'],
    ]);
    expect(ops.map(describeOperation)).toEqual([
      '- revoke ALL on topic t from User:x (not a grant the catalog makes)',
      '- revoke ALTER on topic t from User:x (not a grant the catalog makes)',
      '- revoke READ on topic t from User:x on host 10.0.0.1 (not a grant the catalog makes)',
      "- revoke READ on every topic (literal *) from User:x (grants on the catalog's topic(s) commerce.orders, t, which the catalog does not grant; any other topic it matches loses it too)",
      `- revoke READ on topics prefixed "commerce." from User:x (grants on the catalog's topic(s) commerce.orders, which the catalog does not grant; any other topic it matches loses it too)`,
      '- revoke ALL on group g from User:x (not a grant the catalog makes)',
      `- revoke READ on groups prefixed "" from User:x (grants on the catalog's group(s) g, which the catalog does not grant; any other group it matches loses it too)`,
    ]);
  });

  it('leaves DENY ACLs and a catalog grant alone, and never revokes what matches no owned resource', () => {
    const kept = [
      acl({ permission: 'DENY' }),
      acl({ resourceName: '*', operation: 'ALL', permission: 'DENY' }),
      acl({ resourceName: 'other.', patternType: 'prefixed' }),
      acl({ resourceName: 'other' }),
    ];
    expect(diffState(owned, actual(kept))).toEqual([]);
  });

  it('holds back a revocation that covers only retired topics, as their deletion is', () => {
    const retired = desired({ topics: [], subjects: [], acls: [], retired: { topics: ['old.t'], subjects: [] } });
    const ops = diffState(retired, {
      ...inSync({ topics: new Map(), configs: new Map() }),
      acls: [acl({ resourceName: 'old.', patternType: 'prefixed' })],
      subjects: new Map(),
    });
    expect(ops).toMatchObject([
      { kind: 'delete-acl', covers: ['old.t'], skipped: expect.stringMatching(/allowDeletions/) },
    ]);
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

describe('a level change tightens exactly when it drops no promise (the plan sets it after registering)', () => {
  it.each([
    ['BACKWARD', 'FULL', true],
    ['BACKWARD', 'BACKWARD_TRANSITIVE', true],
    ['NONE', 'FORWARD', true],
    ['FULL', 'BACKWARD', false],
    ['BACKWARD_TRANSITIVE', 'BACKWARD', false],
    ['BACKWARD', 'FORWARD', false],
    ['FULL_TRANSITIVE', 'NONE', false],
  ] as const)('%s → %s: %s', (from, to, expected) => {
    expect(!isLoosening(from, to)).toBe(expected);
  });
});

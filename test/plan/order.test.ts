import { describe, expect, it } from 'vitest';
import type { Operation } from '../../src/plan/operations.js';
import { orderOperations } from '../../src/plan/order.js';

const register = (subject: string, refs: string[] = []): Operation => ({
  kind: 'register-schema',
  resource: `subject:${subject}`,
  schema: '"string"',
  references: refs.map((r) => ({ name: r, subject: r })),
  previousVersion: undefined,
});

describe('orderOperations', () => {
  it('orders phases: grants, topics, configs, loosen, register (references first), tighten, deletions', () => {
    const ops: Operation[] = [
      { kind: 'delete-topic', resource: 'topic:old' },
      { kind: 'set-compatibility', resource: 'subject:b', from: 'BACKWARD', to: 'FULL', timing: 'after-register' },
      {
        kind: 'create-acl',
        resource: 'acl:x',
        acl: { resourceType: 'topic', resourceName: 'x', principal: 'User:a', operation: 'READ' },
      },
      register('a-value', ['z.Shared']),
      { kind: 'set-compatibility', resource: 'subject:a-value', from: 'FULL', to: 'NONE', timing: 'before-register' },
      register('z.Shared'),
      { kind: 'alter-config', resource: 'topic:x', set: { a: '1' }, remove: [] },
      {
        kind: 'create-topic',
        resource: 'topic:x',
        topic: { name: 'x', partitions: 1, replicationFactor: 1, configs: {} },
      },
      { kind: 'change-replication', resource: 'topic:y', from: 1, to: 3, skipped: 'no' },
    ];
    expect(orderOperations(ops).map((o) => `${o.kind} ${o.resource}`)).toEqual([
      'create-acl acl:x',
      'create-topic topic:x',
      'alter-config topic:x',
      'set-compatibility subject:a-value',
      'register-schema subject:z.Shared',
      'register-schema subject:a-value',
      'set-compatibility subject:b',
      'delete-topic topic:old',
      'change-replication topic:y',
    ]);
  });
});

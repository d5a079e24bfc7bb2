import { describe, expect, it } from 'vitest';
import {
  aclResource,
  isSkipped,
  resourceName,
  subjectResource,
  topicResource,
  type Operation,
} from '../../src/plan/operations.js';
import type { AclBinding } from '../../src/plan/state.js';

const grant: AclBinding = { resourceType: 'topic', resourceName: 't.v1', principal: 'User:x', operation: 'READ' };

describe('resources', () => {
  it('names topics and subjects, and reads the name back', () => {
    expect(topicResource('commerce.orders.v1')).toBe('topic:commerce.orders.v1');
    expect(subjectResource('commerce.orders.v1-value')).toBe('subject:commerce.orders.v1-value');
    expect(resourceName('topic:commerce.orders.v1')).toBe('commerce.orders.v1');
    expect(resourceName('subject:a:b')).toBe('a:b');
  });

  it('names a catalog-shaped grant plainly', () => {
    expect(aclResource(grant)).toBe('acl:topic:t.v1:User:x:READ');
    expect(aclResource({ ...grant, resourceType: 'group', resourceName: 'g' })).toBe('acl:group:g:User:x:READ');
  });

  it('says a prefixed pattern, a host and a DENY', () => {
    expect(aclResource({ ...grant, patternType: 'prefixed', resourceName: 'commerce.' })).toBe(
      'acl:topic-prefixed:commerce.:User:x:READ',
    );
    expect(aclResource({ ...grant, resourceType: 'group', patternType: 'prefixed', resourceName: 'g' })).toBe(
      'acl:group-prefixed:g:User:x:READ',
    );
    expect(aclResource({ ...grant, host: '10.0.0.1' })).toBe('acl:topic:t.v1:User:x:READ@10.0.0.1');
    expect(aclResource({ ...grant, permission: 'DENY', host: 'h' })).toBe('acl:topic:t.v1:User:x:READ@h:DENY');
  });
});

describe('isSkipped', () => {
  it('is true only for an operation with a skip reason', () => {
    const skipped: Operation = { kind: 'delete-topic', resource: 'topic:t', skipped: 'deletions are off' };
    const done: Operation = { kind: 'delete-topic', resource: 'topic:t' };
    const unset = { kind: 'delete-topic', resource: 'topic:t', skipped: undefined } as Operation;
    const noField: Operation = { kind: 'add-partitions', resource: 'topic:t', from: 1, to: 2 };
    expect([isSkipped(skipped), isSkipped(done), isSkipped(unset), isSkipped(noField)]).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(
      isSkipped({ kind: 'change-replication', resource: 'topic:t', from: 3, to: 2, skipped: 'not supported' }),
    ).toBe(true);
  });
});

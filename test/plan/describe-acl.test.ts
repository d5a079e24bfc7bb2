import { describe, expect, it } from 'vitest';
import { describeRevoke } from '../../src/plan/describe-acl.js';
import type { Operation } from '../../src/plan/operations.js';
import type { AclBinding } from '../../src/plan/state.js';

type Revoke = Extract<Operation, { kind: 'delete-acl' }>;
const grant: AclBinding = { resourceType: 'topic', resourceName: 't.v1', principal: 'User:x', operation: 'READ' };
const revoke = (acl: AclBinding, extra: Partial<Revoke> = {}): Revoke => ({
  kind: 'delete-acl',
  resource: 'acl',
  acl,
  ...extra,
});

describe('describeRevoke', () => {
  it('reads a catalog-shaped grant plainly', () => {
    expect(describeRevoke(revoke(grant))).toBe('- revoke READ on topic t.v1 from User:x');
    expect(describeRevoke(revoke({ ...grant, resourceType: 'group', resourceName: 'g', operation: 'DESCRIBE' }))).toBe(
      '- revoke DESCRIBE on group g from User:x',
    );
    expect(describeRevoke(revoke({ ...grant, operation: 'WRITE' }))).toBe('- revoke WRITE on topic t.v1 from User:x');
  });

  it('says another operation or a host is not a grant the catalog makes', () => {
    expect(describeRevoke(revoke({ ...grant, operation: 'ALL' }))).toBe(
      '- revoke ALL on topic t.v1 from User:x (not a grant the catalog makes)',
    );
    expect(describeRevoke(revoke({ ...grant, host: '10.0.0.1' }))).toBe(
      '- revoke READ on topic t.v1 from User:x on host 10.0.0.1 (not a grant the catalog makes)',
    );
  });

  it('names the owned resources a wildcard or prefix covers, three then a count', () => {
    expect(describeRevoke(revoke({ ...grant, resourceName: '*' }, { covers: ['a', 'b'] }))).toBe(
      "- revoke READ on every topic (literal *) from User:x (grants on the catalog's topic(s) a, b, which the catalog does not grant; any other topic it matches loses it too)",
    );
    expect(
      describeRevoke(
        revoke(
          { ...grant, resourceType: 'group', patternType: 'prefixed', resourceName: 'co' },
          { covers: ['c1', 'c2', 'c3', 'c4', 'c5'] },
        ),
      ),
    ).toBe(
      '- revoke READ on groups prefixed "co" from User:x (grants on the catalog\'s group(s) c1, c2, c3 and 2 more, which the catalog does not grant; any other group it matches loses it too)',
    );
    expect(
      describeRevoke(revoke({ ...grant, patternType: 'prefixed', resourceName: 'x' }, { covers: ['x1', 'x2', 'x3'] })),
    ).toBe(
      '- revoke READ on topics prefixed "x" from User:x (grants on the catalog\'s topic(s) x1, x2, x3, which the catalog does not grant; any other topic it matches loses it too)',
    );
  });

  it('marks a skipped revocation with ! and says why it is held', () => {
    expect(describeRevoke(revoke(grant, { skipped: 'deletions are not allowed' }))).toBe(
      '! revoke READ on topic t.v1 from User:x — deletions are not allowed',
    );
    expect(describeRevoke(revoke({ ...grant, operation: 'ALTER' }, { skipped: 'held' }))).toBe(
      '! revoke ALTER on topic t.v1 from User:x (not a grant the catalog makes) — held',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { aclKey, type AclBinding } from '../../src/plan/state.js';

const grant: AclBinding = {
  resourceType: 'topic',
  resourceName: 'commerce.orders.v1',
  principal: 'User:x',
  operation: 'READ',
};

describe('aclKey', () => {
  it('keys a catalog-shaped grant by type, name, principal and operation', () => {
    expect(aclKey(grant)).toBe('topic:commerce.orders.v1|User:x|READ');
    expect(aclKey({ ...grant, resourceType: 'group', resourceName: 'g', operation: 'DESCRIBE' })).toBe(
      'group:g|User:x|DESCRIBE',
    );
  });

  it('marks a prefixed pattern, a host and a DENY', () => {
    expect(aclKey({ ...grant, patternType: 'prefixed', resourceName: 'commerce.' })).toBe(
      'topic:prefixed:commerce.|User:x|READ',
    );
    expect(aclKey({ ...grant, host: '10.0.0.1' })).toBe('topic:commerce.orders.v1|User:x|READ|host=10.0.0.1');
    expect(aclKey({ ...grant, permission: 'DENY' })).toBe('topic:commerce.orders.v1|User:x|READ|DENY');
    expect(aclKey({ ...grant, patternType: 'prefixed', host: 'h', permission: 'DENY' })).toBe(
      'topic:prefixed:commerce.orders.v1|User:x|READ|host=h|DENY',
    );
  });

  it('tells apart bindings that differ in any one field', () => {
    const variants: AclBinding[] = [
      grant,
      { ...grant, resourceType: 'group' },
      { ...grant, resourceName: 'other' },
      { ...grant, patternType: 'prefixed' },
      { ...grant, principal: 'User:y' },
      { ...grant, host: '1.2.3.4' },
      { ...grant, operation: 'WRITE' },
      { ...grant, permission: 'DENY' },
    ];
    expect(new Set(variants.map(aclKey)).size).toBe(variants.length);
  });

  it('keys a literal * apart from a prefixed *', () => {
    expect(aclKey({ ...grant, resourceName: '*' })).not.toBe(
      aclKey({ ...grant, resourceName: '*', patternType: 'prefixed' }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  aclScope,
  formerGroups,
  formerReads,
  grantingPort,
  inScope,
  managedGroups,
  OwnedNames,
} from '../../src/plan/acl-scope.js';
import type { AclBinding } from '../../src/plan/state.js';
import { catalog, ORDERS, product, replace, SHIPMENTS } from '../policy/catalogs.js';

const ordersInput = {
  name: 'orders',
  product: 'commerce/orders',
  port: 'orders-v1',
  principal: 'User:svc-shipping',
  consumerGroup: 'logistics-shipments',
};
const retire = (path: string) => ({ [path]: replace('status: active', 'status: retired') });
const noInputs = { [SHIPMENTS]: (t: string) => t.slice(0, t.indexOf('inputPorts:')) };

describe('grantingPort', () => {
  it('finds the output port an input reads', async () => {
    const c = await catalog();
    expect(grantingPort(c, ordersInput)?.topic).toBe('commerce.orders.v1');
  });

  it('grants nothing from an unknown product or port, or a retired product', async () => {
    const c = await catalog();
    expect(grantingPort(c, { ...ordersInput, product: 'commerce/none' })).toBeUndefined();
    expect(grantingPort(c, { ...ordersInput, port: 'orders-v9' })).toBeUndefined();
    const retired = await catalog(retire(ORDERS));
    expect(product(retired, 'commerce/orders').manifest.status).toBe('retired');
    expect(grantingPort(retired, ordersInput)).toBeUndefined();
  });

  it('still grants from a deprecated product', async () => {
    const c = await catalog({
      [ORDERS]: replace(
        'status: active',
        'status: deprecated\ndeprecation:\n  sunset: "2027-06-01"\n  replacement: logistics/shipments',
      ),
    });
    expect(grantingPort(c, ordersInput)?.name).toBe('orders-v1');
  });
});

describe('aclScope', () => {
  it('takes a product’s own topics, the topics it reads and its groups', async () => {
    const c = await catalog();
    const scope = aclScope(c, new Set(['logistics/shipments']));
    expect([...scope.topics].sort()).toEqual(['commerce.orders.v1', 'logistics.shipments.v1']);
    expect([...scope.groups]).toEqual(['logistics-shipments']);
  });

  it('takes a producer’s topics only, and extra topics as given', async () => {
    const c = await catalog();
    const scope = aclScope(c, new Set(['commerce/orders']), ['extra.topic']);
    expect([...scope.topics]).toEqual(['extra.topic', 'commerce.orders.v1']);
    expect([...scope.groups]).toEqual([]);
  });

  it('keeps a retired product’s own and read topics, and its group: its grants on them are revoked', async () => {
    const c = await catalog(retire(SHIPMENTS));
    const scope = aclScope(c, new Set(['logistics/shipments']));
    expect([...scope.topics].sort()).toEqual(['commerce.orders.v1', 'logistics.shipments.v1']);
    expect([...scope.groups]).toEqual(['logistics-shipments']);
  });

  it('takes extra groups as given, beside the products’ own', async () => {
    const c = await catalog();
    const scope = aclScope(c, new Set(['logistics/shipments']), [], ['former-group']);
    expect([...scope.groups]).toEqual(['former-group', 'logistics-shipments']);
  });

  it('leaves out what a retired source no longer grants, and unknown products', async () => {
    const c = await catalog(retire(ORDERS));
    const scope = aclScope(c, new Set(['logistics/shipments', 'nowhere/none']));
    expect([...scope.topics]).toEqual(['logistics.shipments.v1']);
    expect([...scope.groups]).toEqual([]);
  });
});

describe('inScope', () => {
  const scope = { topics: new Set(['t']), groups: new Set(['g']) };
  const acl = (resourceType: 'topic' | 'group', resourceName: string): AclBinding => ({
    resourceType,
    resourceName,
    principal: 'User:x',
    operation: 'READ',
  });

  it('looks a topic up among topics and a group among groups', () => {
    expect([inScope(acl('topic', 't'), scope), inScope(acl('group', 'g'), scope)]).toEqual([true, true]);
    expect([inScope(acl('topic', 'g'), scope), inScope(acl('group', 't'), scope)]).toEqual([false, false]);
  });
});

describe('managedGroups', () => {
  it('takes the group of every input port on a live product, live or retired consumer, and former groups', async () => {
    expect([...managedGroups(await catalog())]).toEqual(['logistics-shipments']);
    expect([...managedGroups(await catalog(retire(SHIPMENTS)))]).toEqual(['logistics-shipments']);
    expect([...managedGroups(await catalog(noInputs), undefined, ['gone'])]).toEqual(['gone']);
  });

  it('leaves alone a group whose port reads a retired or unknown product, and products not asked about', async () => {
    expect([...managedGroups(await catalog(retire(ORDERS)))]).toEqual([]);
    const unknown = await catalog({ [SHIPMENTS]: replace('product: commerce/orders', 'product: commerce/none') });
    expect([...managedGroups(unknown)]).toEqual([]);
    const c = await catalog();
    expect([...managedGroups(c, [product(c, 'commerce/orders')])]).toEqual([]);
  });
});

describe('formerGroups', () => {
  it('takes the group of a removed input port, and of a deleted consumer', async () => {
    const before = await catalog();
    const only = new Set(['logistics/shipments']);
    expect(formerGroups(before, await catalog(noInputs), only)).toEqual(['logistics-shipments']);
    expect(formerGroups(before, await catalog({ [SHIPMENTS]: () => undefined }), only)).toEqual([
      'logistics-shipments',
    ]);
    // Without `only`, every product of the before catalog (a whole-catalog plan, e.g. an apply on merge).
    expect(formerGroups(before, await catalog(noInputs))).toEqual(['logistics-shipments']);
  });

  it('takes a group the after catalog still manages, so a scoped plan keeps its grants as the whole plan does', async () => {
    const before = await catalog();
    expect(formerGroups(before, await catalog(retire(SHIPMENTS)), new Set(['logistics/shipments']))).toEqual([
      'logistics-shipments',
    ]);
  });

  it('leaves out a group the after catalog names through a port it leaves alone, and products not asked about', async () => {
    const before = await catalog();
    expect(formerGroups(before, await catalog(retire(ORDERS)), new Set(['logistics/shipments']))).toEqual([]);
    expect(formerGroups(before, await catalog(noInputs), new Set(['commerce/orders']))).toEqual([]);
  });
});

describe('formerReads', () => {
  it('keeps a topic a removed input read, where the after catalog still grants on it', async () => {
    const before = await catalog();
    const after = await catalog(noInputs);
    expect(formerReads(before, after, new Set(['logistics/shipments']))).toEqual(['commerce.orders.v1']);
  });

  it('keeps it when the whole consumer is deleted', async () => {
    const before = await catalog();
    const after = await catalog({ [SHIPMENTS]: () => undefined });
    expect(formerReads(before, after, new Set(['logistics/shipments']))).toEqual(['commerce.orders.v1']);
  });

  it('leaves out a topic that moved, or whose source is retired or gone after', async () => {
    const before = await catalog();
    const moved = await catalog({ [ORDERS]: replace('topic: commerce.orders.v1', 'topic: commerce.orders-new.v1') });
    expect(product(moved, 'commerce/orders').manifest.outputPorts?.[0]?.topic).toBe('commerce.orders-new.v1');
    expect(formerReads(before, moved, new Set(['logistics/shipments']))).toEqual([]);
    expect(formerReads(before, await catalog(retire(ORDERS)), new Set(['logistics/shipments']))).toEqual([]);
  });

  it('leaves out what the before catalog did not grant, and products not asked about', async () => {
    const retired = await catalog(retire(ORDERS));
    expect(formerReads(retired, await catalog(), new Set(['logistics/shipments']))).toEqual([]);
    expect(formerReads(await catalog(), await catalog(noInputs), new Set(['commerce/orders']))).toEqual([]);
  });
});

describe('OwnedNames', () => {
  const names = new OwnedNames([
    'commerce.orders.v1',
    'commerce.carts.v1',
    'logistics.shipments.v1',
    'commerce.orders.v1',
  ]);

  it('matches a literal name only when owned', () => {
    expect(names.matchedBy({ resourceName: 'commerce.orders.v1' })).toEqual(['commerce.orders.v1']);
    expect(names.matchedBy({ resourceName: 'commerce.' })).toEqual([]);
    expect(names.matches({ resourceName: 'commerce.orders.v1' })).toBe(true);
    expect(names.matches({ resourceName: 'commerce.' })).toBe(false);
  });

  it('matches every owned name with the literal *, sorted and once each', () => {
    expect(names.matchedBy({ resourceName: '*' })).toEqual([
      'commerce.carts.v1',
      'commerce.orders.v1',
      'logistics.shipments.v1',
    ]);
    expect(names.matches({ resourceName: '*' })).toBe(true);
    expect(new OwnedNames([]).matches({ resourceName: '*' })).toBe(false);
    expect(new OwnedNames([]).matchedBy({ resourceName: '*' })).toEqual([]);
  });

  it('matches the owned names a prefix starts, sorted', () => {
    expect(names.matchedBy({ resourceName: 'commerce.', patternType: 'prefixed' })).toEqual([
      'commerce.carts.v1',
      'commerce.orders.v1',
    ]);
    expect(names.matchedBy({ resourceName: 'logistics.shipments.v1', patternType: 'prefixed' })).toEqual([
      'logistics.shipments.v1',
    ]);
    expect(names.matchedBy({ resourceName: '', patternType: 'prefixed' })).toHaveLength(3);
    expect(names.matches({ resourceName: 'commerce.o', patternType: 'prefixed' })).toBe(true);
  });

  it('matches nothing with a prefix no owned name starts, before, between or after them', () => {
    for (const prefix of ['a', 'commerce.d', 'commerce.orders.v2', 'z', '*']) {
      expect(names.matchedBy({ resourceName: prefix, patternType: 'prefixed' })).toEqual([]);
      expect(names.matches({ resourceName: prefix, patternType: 'prefixed' })).toBe(false);
    }
  });
});

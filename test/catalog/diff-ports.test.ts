import { describe, expect, it } from 'vitest';
import { diffInputPorts, diffOutputPorts } from '../../src/catalog/diff-ports.js';
import { loadCatalog } from '../../src/catalog/load.js';
import type { Catalog, Product } from '../../src/catalog/model.js';
import { input, mesh, port, product, record, type Files } from './helpers.js';

const ORDERS = 'catalog/commerce/orders/product.yaml';
const VALUE = 'catalog/commerce/orders/schemas/value.avsc';
const KEY = 'catalog/commerce/orders/schemas/key.avsc';
const MONEY = 'catalog/commerce/orders/schemas/money.avsc';
const settings = (compatibility: string) => ({
  apiVersion: 'mesh-steward/v1',
  kind: 'Settings',
  defaults: { compatibility },
});
const orders = (...ports: object[]) => product('orders', { outputPorts: ports });

function load(files: Files): { catalog: Catalog; orders: Product } {
  const { catalog, findings } = loadCatalog(mesh(files));
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  return { catalog, orders: catalog.products.get('commerce/orders')! };
}

/** diffOutputPorts from the mesh with `baseFiles` to the one with `headFiles` laid over them. */
function outputs(headFiles: Files, baseFiles: Files = {}) {
  const base = load(baseFiles);
  const head = load({ ...baseFiles, ...headFiles });
  return diffOutputPorts(base.orders, head.orders, base.catalog, head.catalog);
}

describe('diffOutputPorts', () => {
  it('finds nothing for the same ports', () => {
    expect(outputs({})).toEqual([]);
  });

  it('matches ports by name: a renamed port is one removed and one added, each located on its side', () => {
    const changes = outputs({ [ORDERS]: orders(port('orders-v2', 'commerce.orders.v1')) });
    expect(changes).toMatchObject([
      { kind: 'output-port-added', productId: 'commerce/orders', port: 'orders-v2', topic: 'commerce.orders.v1' },
      { kind: 'output-port-removed', productId: 'commerce/orders', port: 'orders-v1', topic: 'commerce.orders.v1' },
    ]);
    expect(changes.map((c) => c.location.path)).toEqual([ORDERS, ORDERS]);
  });

  it('lists the topic settings that changed, configs by key in sorted order, values compared as text', () => {
    const base = {
      [ORDERS]: orders(port('orders-v1', 'commerce.orders.v1', { partitions: 3, configs: { 'retention.ms': 1000 } })),
    };
    const head = orders(
      port('orders-v1', 'commerce.orders.v2', {
        partitions: 6,
        writer: 'User:svc-other',
        configs: { 'retention.ms': '1000', 'cleanup.policy': 'compact' },
      }),
    );
    expect(outputs({ [ORDERS]: head }, base)).toMatchObject([
      {
        kind: 'topic-settings-changed',
        port: 'orders-v1',
        settings: ['topic', 'partitions', 'writer', 'configs.cleanup.policy'],
      },
    ]);
  });

  it('reports a change of the effective level, whether the port or the settings default moved it', () => {
    const own = outputs({ [ORDERS]: orders(port('orders-v1', 'commerce.orders.v1', { compatibility: 'FORWARD' })) });
    expect(own).toMatchObject([{ kind: 'compatibility-changed', from: 'BACKWARD', to: 'FORWARD', loosened: true }]);
    const byDefault = outputs({ '.github/steward.yml': settings('FULL') });
    expect(byDefault).toMatchObject([{ kind: 'compatibility-changed', from: 'BACKWARD', to: 'FULL', loosened: false }]);
    // Spelling out the level the default already gave changes nothing.
    expect(
      outputs({ [ORDERS]: orders(port('orders-v1', 'commerce.orders.v1', { compatibility: 'BACKWARD' })) }),
    ).toEqual([]);
  });

  it('reports a changed value schema under the head’s effective level', () => {
    const changes = outputs({
      [VALUE]: record('Order', [{ name: 'id', type: 'long' }]),
      '.github/steward.yml': settings('FULL'),
    });
    expect(changes.map((c) => c.kind)).toEqual(['compatibility-changed', 'schema-changed']);
    expect(changes[1]).toMatchObject({
      kind: 'schema-changed',
      role: 'value',
      path: VALUE,
      previousPath: VALUE,
      level: 'FULL',
      through: [],
    });
  });

  it('reports a port pointed at another file, and a key schema on its own', () => {
    const withKey = (key: string) =>
      orders(
        port('orders-v1', 'commerce.orders.v1', { key: { schema: key }, value: { schema: 'schemas/value.avsc' } }),
      );
    const other = 'catalog/commerce/orders/schemas/key2.avsc';
    const base = { [ORDERS]: withKey('schemas/key.avsc'), [KEY]: '"string"', [other]: '"long"' };
    const changes = outputs({ [ORDERS]: withKey('schemas/key2.avsc'), [KEY]: '"string"' }, base);
    expect(changes).toMatchObject([{ kind: 'schema-changed', role: 'key', path: other, previousPath: KEY }]);
  });

  it('says which referenced files a schema changed through', () => {
    const order = record('Order', [{ name: 'total', type: 'com.acme.Money' }]);
    const money = (size: number) => ({ type: 'fixed', name: 'Money', namespace: 'com.acme', size });
    const changes = outputs({ [MONEY]: money(16) }, { [VALUE]: order, [MONEY]: money(8) });
    expect(changes).toMatchObject([{ kind: 'schema-changed', role: 'value', path: VALUE, through: [MONEY] }]);
  });
});

describe('diffInputPorts', () => {
  const SHIP = 'catalog/commerce/ship/product.yaml';
  const ship = (...inputs: object[]) => product('ship', { inputPorts: inputs });
  function inputs(head: object[], base: object[]) {
    const b = load({ [SHIP]: ship(...base) }).catalog.products.get('commerce/ship')!;
    const h = load({ [SHIP]: ship(...head) }).catalog.products.get('commerce/ship')!;
    return diffInputPorts(b, h);
  }
  const reads = input('orders-in', 'commerce/orders', 'orders-v1');

  it('finds nothing for the same inputs, whatever their name or order', () => {
    const other = input('other-in', 'commerce/orders', 'orders-v1', { consumerGroup: 'g2' });
    expect(inputs([other, { ...reads, name: 'renamed' }], [reads, other])).toEqual([]);
  });

  it('reports an input whose principal or group changed as removed and added', () => {
    const changes = inputs([{ ...reads, principal: 'User:svc-new' }], [reads]);
    expect(changes.map((c) => [c.kind, c.kind.startsWith('input') && 'input' in c ? c.input.principal : ''])).toEqual([
      ['input-port-added', 'User:svc-new'],
      ['input-port-removed', 'User:svc-reader'],
    ]);
    expect(inputs([{ ...reads, consumerGroup: 'other' }], [reads]).map((c) => c.kind)).toEqual([
      'input-port-added',
      'input-port-removed',
    ]);
  });

  it('reports new and dropped inputs, located on their side', () => {
    const added = inputs([reads], []);
    expect(added).toMatchObject([{ kind: 'input-port-added', productId: 'commerce/ship', input: reads }]);
    expect(added[0]?.location.path).toBe(SHIP);
    expect(inputs([], [reads])).toMatchObject([{ kind: 'input-port-removed', input: reads }]);
  });
});

import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { validateReferences } from '../../src/catalog/validate-references.js';
import { domain, input, mesh, port, product, type Files } from './helpers.js';

const SHIP = 'catalog/commerce/ship/product.yaml';
const ORDERS = 'catalog/commerce/orders/product.yaml';
const check = (files: Files) => validateReferences(loadCatalog(mesh(files)).catalog);
const ship = (extra: object) => ({
  [SHIP]: product('ship', extra),
  'catalog/commerce/ship/schemas/value.avsc': '"string"',
});
const reads = (productId: string, portName: string) => ship({ inputPorts: [input('in', productId, portName)] });

describe('validateReferences', () => {
  it('finds nothing in a consistent mesh', () => {
    expect(check(reads('commerce/orders', 'orders-v1'))).toEqual([]);
  });

  it('refuses a domain whose name is not its folder’s, and a domain name used twice', () => {
    const findings = check({
      'catalog/commerce/domain.yaml': domain('shop'),
      'catalog/retail/domain.yaml': domain('shop'),
    });
    expect(findings.map((f) => [f.ruleId, f.location.path])).toEqual([
      ['DOMAIN_NAME_MISMATCH', 'catalog/commerce/domain.yaml'],
      ['DOMAIN_NAME_MISMATCH', 'catalog/retail/domain.yaml'],
      ['DUPLICATE_NAME', 'catalog/retail/domain.yaml'],
    ]);
    expect(findings[0]?.message).toBe(
      'Domain name "shop" differs from its folder "commerce"; rename one so the tree and the names agree.',
    );
    expect(findings[2]?.message).toContain('is already used by catalog/commerce;');
  });

  it('refuses a port name used twice in a product, across output and input ports', () => {
    const findings = check(
      ship({
        outputPorts: [port('events', 'commerce.ship.v1'), port('events', 'commerce.ship.v2')],
        inputPorts: [input('events', 'commerce/orders', 'orders-v1')],
      }),
    );
    expect(findings.map((f) => [f.ruleId, f.message])).toEqual([
      [
        'DUPLICATE_NAME',
        'Port name "events" of commerce/ship is already used by outputPorts[0]; give every port of a product its own name.',
      ],
      [
        'DUPLICATE_NAME',
        'Port name "events" of commerce/ship is already used by outputPorts[0]; give every port of a product its own name.',
      ],
    ]);
  });

  it('refuses a second writer of a topic, pointing at the first', () => {
    const findings = check(ship({ outputPorts: [port('mine', 'commerce.orders.v1')] }));
    expect(findings.map((f) => [f.ruleId, f.location.path, f.previousLocation?.path])).toEqual([
      ['TOPIC_MULTIPLE_WRITERS', SHIP, ORDERS],
    ]);
    expect(findings[0]?.message).toMatch(
      /^Topic commerce\.orders\.v1 is already written by commerce\/orders \(port orders-v1\);/,
    );
  });

  it('refuses an input port of a product that does not exist, suggesting a close one', () => {
    expect(check(reads('commerce/order', 'orders-v1')).map((f) => f.message)).toEqual([
      'Input port in of commerce/ship reads product commerce/order, which does not exist; did you mean commerce/orders?',
    ]);
    expect(check(reads('elsewhere/zzzzzz', 'orders-v1')).map((f) => f.message)).toEqual([
      'Input port in of commerce/ship reads product elsewhere/zzzzzz, which does not exist; use the folder path of a product under catalog/.',
    ]);
  });

  it('refuses an input port of a port the product lacks, suggesting one or listing them', () => {
    expect(check(reads('commerce/orders', 'orders-v2')).map((f) => [f.ruleId, f.message])).toEqual([
      [
        'INPUT_PORT_UNRESOLVED',
        'Input port in of commerce/ship reads port orders-v2 of commerce/orders, which has no such port; did you mean orders-v1?',
      ],
    ]);
    expect(check(reads('commerce/orders', 'zzzzzzzzzzzz')).map((f) => f.message)).toEqual([
      'Input port in of commerce/ship reads port zzzzzzzzzzzz of commerce/orders, which has no such port; its output ports are orders-v1.',
    ]);
    const bare = { 'catalog/commerce/bare/product.yaml': product('bare') };
    expect(check({ ...bare, ...reads('commerce/bare', 'x') }).map((f) => f.message)).toEqual([
      'Input port in of commerce/ship reads port x of commerce/bare, which has no such port; it has no output ports.',
    ]);
  });

  it('says nothing about references to a product whose manifest is broken', () => {
    const broken = { [ORDERS]: 'name: [' };
    expect(check({ ...broken, ...reads('commerce/orders', 'nope') })).toEqual([]);
    expect(check({ ...broken, ...ship({ deprecation: { replacement: 'commerce/orders#nope' } }) })).toEqual([]);
  });

  it('checks a product’s and a port’s replacement: the product, and the port when named', () => {
    expect(check(ship({ deprecation: { replacement: 'commerce/orders' } }))).toEqual([]);
    expect(check(ship({ deprecation: { replacement: 'commerce/orders#orders-v1' } }))).toEqual([]);
    const missingPort = check(ship({ deprecation: { replacement: 'commerce/orders#orders-v9' } }));
    expect(missingPort.map((f) => [f.ruleId, f.message])).toEqual([
      [
        'REPLACEMENT_UNRESOLVED',
        'The replacement commerce/orders#orders-v9 named by commerce/ship does not exist; point consumers at an existing product (`product/id`) or port (`product/id#port`).',
      ],
    ]);
    const onPort = check(
      ship({
        outputPorts: [port('old', 'commerce.ship.v1', { deprecation: { replacement: 'commerce/gone' } })],
      }),
    );
    expect(onPort.map((f) => [f.ruleId, f.location.path])).toEqual([['REPLACEMENT_UNRESOLVED', SHIP]]);
  });
});

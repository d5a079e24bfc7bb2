import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import type { OutputPortManifest } from '../../src/catalog/manifest-types.js';
import { portSchemaFiles, referencedFiles, referencedFileSubject } from '../../src/catalog/port-schemas.js';
import { mesh, port, product, record } from './helpers.js';

const DIR = 'catalog/commerce/orders/schemas/';
const ORDER = `${DIR}value.avsc`;
const MONEY = `${DIR}money.avsc`;
const ADDRESS = `${DIR}address.avsc`;
const ORDER_TEXT = JSON.stringify(
  record('Order', [
    { name: 'total', type: 'com.acme.Money' },
    { name: 'ship', type: { type: 'array', items: 'com.acme.Address' } },
    { name: 'bill', type: ['null', 'com.acme.Address'] },
  ]),
);
const MONEY_TEXT = '{"type": "fixed", "name": "Money", "namespace": "com.acme", "size": 8}';
const ADDRESS_TEXT = JSON.stringify(record('Address', [{ name: 'cents', type: 'com.acme.Money' }]));

function orders(extra: Partial<OutputPortManifest> = {}) {
  const files = {
    'catalog/commerce/orders/product.yaml': product('orders', {
      outputPorts: [port('orders-v1', 'commerce.orders.v1', { key: { schema: 'schemas/key.avsc' }, ...extra })],
    }),
    [ORDER]: ORDER_TEXT,
    [MONEY]: MONEY_TEXT,
    [ADDRESS]: ADDRESS_TEXT,
    [`${DIR}key.avsc`]: '"string"',
    [`${DIR}plain.avsc`]: '["null", "string"]',
  };
  const p = loadCatalog(mesh(files)).catalog.products.get('commerce/orders')!;
  return { product: p, port: p.manifest.outputPorts![0]! };
}

describe('portSchemaFiles', () => {
  it('gives a schema without references as its own text', () => {
    const { product: p, port: key } = orders();
    expect(portSchemaFiles(p, key, 'key')).toEqual({ path: `${DIR}key.avsc`, text: '"string"', references: [] });
  });

  it('joins the texts of every file whose named types the schema reaches, directly or not, in path order', () => {
    const { product: p, port: value } = orders();
    expect(portSchemaFiles(p, value, 'value')).toEqual({
      path: ORDER,
      text: [ORDER_TEXT, ADDRESS_TEXT, MONEY_TEXT].join('\n\u0000\n'),
      references: [ADDRESS, MONEY],
    });
  });

  it('is undefined for a port without that role, a path outside the folder, or a file not there', () => {
    const { product: p, port: value } = orders();
    const withoutKey = { ...value, key: undefined } as OutputPortManifest;
    expect(portSchemaFiles(p, withoutKey, 'key')).toBeUndefined();
    expect(portSchemaFiles(p, { ...value, value: { schema: '../../other/x.avsc' } }, 'value')).toBeUndefined();
    expect(portSchemaFiles(p, { ...value, value: { schema: 'schemas/none.avsc' } }, 'value')).toBeUndefined();
  });
});

describe('referencedFiles', () => {
  it('lists the other files defining named types reachable from a type, once each, sorted', () => {
    const { product: p } = orders();
    expect(referencedFiles(p.schemas.get(ORDER)!.type!, ORDER)).toEqual([ADDRESS, MONEY]);
    expect(referencedFiles(p.schemas.get(ADDRESS)!.type!, ADDRESS)).toEqual([MONEY]);
    expect(referencedFiles(p.schemas.get(MONEY)!.type!, MONEY)).toEqual([]);
  });

  it('does not list the file itself', () => {
    const { product: p } = orders();
    expect(referencedFiles(p.schemas.get(ORDER)!.type!, MONEY)).toEqual([ADDRESS, ORDER]);
  });
});

describe('referencedFileSubject', () => {
  it('is the full name of the file’s top-level named type, else the file’s path', () => {
    const { product: p } = orders();
    expect(referencedFileSubject(p, MONEY)).toBe('com.acme.Money');
    expect(referencedFileSubject(p, ADDRESS)).toBe('com.acme.Address');
    expect(referencedFileSubject(p, `${DIR}plain.avsc`)).toBe(`${DIR}plain.avsc`);
    expect(referencedFileSubject(p, `${DIR}missing.avsc`)).toBe(`${DIR}missing.avsc`);
  });
});

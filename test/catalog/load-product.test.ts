import { describe, expect, it } from 'vitest';
import { loadProduct, resolveSchemaPath } from '../../src/catalog/load-product.js';
import { port, product, record, tree, type Files } from './helpers.js';

const P = 'catalog/commerce/orders/product.yaml';
const DIR = 'catalog/commerce/orders/schemas/';
const VALUE = `${DIR}value.avsc`;
const found = (findings: readonly { ruleId: string; location: { path: string } }[]) =>
  findings.map((f) => [f.ruleId, f.location.path]);

function load(files: Files, deep = true) {
  const t = tree(files);
  const schemas = [...t.keys()].filter((p) => p.endsWith('.avsc'));
  return loadProduct(t, 'commerce/orders', 'commerce', schemas, deep);
}
const orders = (...ports: object[]) => product('orders', { outputPorts: ports });

describe('loadProduct', () => {
  it('loads a valid product with its schemas', () => {
    const { product: p, findings } = load({ [P]: orders(port('v1', 'commerce.orders.v1')), [VALUE]: record('Order') });
    expect(findings).toEqual([]);
    expect(p?.id).toBe('commerce/orders');
    expect(p?.domainId).toBe('commerce');
    expect(p?.manifest.name).toBe('orders');
    expect([...p!.schemas.keys()]).toEqual([VALUE]);
    expect(p?.schemas.get(VALUE)?.type?.type).toBe('record');
  });

  it('gives no product for a missing, empty, unparsable or invalid manifest', () => {
    expect(found(load({}).findings)).toEqual([['MANIFEST_INVALID_VALUE', P]]);
    expect(load({}).product).toBeUndefined();
    expect(found(load({ [P]: '' }).findings)).toEqual([['MANIFEST_INVALID_VALUE', P]]);
    expect(found(load({ [P]: 'a: [' }).findings)).toEqual([['YAML_SYNTAX', P]]);
    const invalid = load({ [P]: { ...orders(), status: 'sleeping' } });
    expect(found(invalid.findings)).toEqual([['MANIFEST_INVALID_VALUE', P]]);
    expect(invalid.product).toBeUndefined();
  });

  it('still reports the schema findings of a product whose manifest is broken', () => {
    expect(found(load({ [P]: 'a: [', [VALUE]: '{' }).findings)).toEqual([
      ['YAML_SYNTAX', P],
      ['AVRO_SYNTAX', VALUE],
    ]);
  });

  it('keeps a product whose name differs from its folder, with a finding on the name', () => {
    const { product: p, findings } = load({
      [P]: product('order', { outputPorts: [port('v1', 'commerce.orders.v1')] }),
      [VALUE]: record('Order'),
    });
    expect(p).toBeDefined();
    expect(findings.map((f) => [f.ruleId, f.location.line])).toEqual([['PRODUCT_NAME_MISMATCH', 4]]);
    expect(findings[0]?.message).toContain('Product name "order" differs from its folder "orders"');
  });

  it('reports a port schema that escapes the folder, and one that does not exist, suggesting the closest', () => {
    const { findings } = load({
      [P]: orders(
        port('v1', 'commerce.orders.v1', { value: { schema: '../../shared/value.avsc' } }),
        port('v2', 'commerce.orders.v2', { value: { schema: 'schemas/valeu.avsc' } }),
        port('v3', 'commerce.orders.v3', { value: { schema: '/abs.avsc' } }),
      ),
      [VALUE]: record('Order'),
    });
    expect(findings.map((f) => f.ruleId)).toEqual([
      'SCHEMA_PATH_ESCAPES',
      'SCHEMA_FILE_MISSING',
      'SCHEMA_PATH_ESCAPES',
      'UNUSED_SCHEMA_FILE',
    ]);
    expect(findings[0]?.message).toContain('use a relative path such as schemas/value.avsc');
    expect(findings[1]?.message).toBe(
      `The value schema ${DIR}valeu.avsc of port v2 does not exist; did you mean schemas/value.avsc?`,
    );
    expect(findings[3]?.location).toEqual({ path: VALUE, line: 1, column: 1 });
    const none = load({ [P]: orders(port('v1', 'commerce.orders.v1')) }).findings;
    expect(none.map((f) => f.message)).toEqual([
      `The value schema ${VALUE} of port v1 does not exist; add the .avsc file or fix the path.`,
    ]);
  });

  it('does not report a missing schema for a file that is there but does not parse', () => {
    const { findings } = load({ [P]: orders(port('v1', 'commerce.orders.v1')), [VALUE]: '{"type": ' });
    expect(found(findings)).toEqual([['AVRO_SYNTAX', VALUE]]);
  });

  it('counts files reached through named types as used, transitively', () => {
    const files = {
      [P]: orders(port('v1', 'commerce.orders.v1')),
      [VALUE]: record('Order', [{ name: 'a', type: 'com.acme.Address' }]),
      [`${DIR}address.avsc`]: record('Address', [{ name: 'c', type: 'com.acme.Cents' }]),
      [`${DIR}cents.avsc`]: { type: 'fixed', name: 'Cents', namespace: 'com.acme', size: 8 },
      [`${DIR}unused.avsc`]: '"string"',
    };
    const { product: p, findings } = load(files);
    expect(found(findings)).toEqual([['UNUSED_SCHEMA_FILE', `${DIR}unused.avsc`]]);
    expect(p?.schemas.get(VALUE)?.references).toEqual(['com.acme.Address']);
  });

  it('locates Avro problems in their file', () => {
    const { findings } = load({
      [P]: orders(port('v1', 'commerce.orders.v1')),
      [VALUE]: '{\n  "type": "record",\n  "name": "Order",\n  "fields": [{"name": "a", "type": "Nope"}]\n}',
    });
    expect(findings.map((f) => [f.ruleId, f.location.path, f.location.line])).toEqual([
      ['AVRO_UNKNOWN_TYPE', VALUE, 4],
    ]);
  });

  it('reads only the manifest in a shallow load, and the schemas on first use without findings', () => {
    const { product: p, findings } = load(
      { [P]: orders(port('v1', 'commerce.orders.v1')), [VALUE]: '{"type": ' },
      false,
    );
    expect(findings).toEqual([]);
    expect(p?.schemas.size).toBe(0);
    const good = load({ [P]: orders(port('v1', 'commerce.orders.v1')), [VALUE]: record('Order') }, false);
    expect(good.product?.schemas.get(VALUE)?.type?.type).toBe('record');
    expect(good.product?.schemas).toBe(good.product?.schemas);
  });
});

describe('resolveSchemaPath', () => {
  it('resolves a relative path inside the product folder', () => {
    expect(resolveSchemaPath('a/p', 'schemas/v.avsc')).toBe('catalog/a/p/schemas/v.avsc');
    expect(resolveSchemaPath('a/p', './schemas/../v.avsc')).toBe('catalog/a/p/v.avsc');
  });

  it('refuses absolute paths, backslashes and paths that leave the folder', () => {
    expect(resolveSchemaPath('a/p', '/etc/passwd')).toBeUndefined();
    expect(resolveSchemaPath('a/p', 'schemas\\v.avsc')).toBeUndefined();
    expect(resolveSchemaPath('a/p', '../q/v.avsc')).toBeUndefined();
    expect(resolveSchemaPath('a/p', '../p2/v.avsc')).toBeUndefined();
    expect(resolveSchemaPath('a/p', '..')).toBeUndefined();
  });
});

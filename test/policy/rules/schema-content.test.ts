import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../../src/catalog/model.js';
import { piiClassification, schemaFieldDocs } from '../../../src/policy/rules/schema-content.js';
import { catalog, ORDER_SCHEMA, ORDERS, product, replace } from '../catalogs.js';

const MONEY = 'catalog/commerce/orders/schemas/money.avsc';
const KEY = 'catalog/commerce/orders/schemas/order-key.avsc';
const EXTRA = 'catalog/commerce/orders/schemas/extra.avsc';

/** Records, an array, a union, an enum and a map, and a type taken from money.avsc. */
const order = `{
  "type": "record",
  "name": "Order",
  "namespace": "com.acme.commerce",
  "doc": "An order.",
  "fields": [
    { "name": "id", "type": "string", "doc": "Order id." },
    { "name": "lines", "type": { "type": "array", "items": { "type": "record", "name": "Line", "fields": [{ "name": "sku", "type": "string" }] } }, "doc": "Lines." },
    { "name": "state", "type": ["null", { "type": "enum", "name": "State", "symbols": ["OPEN"] }], "default": null, "doc": "State." },
    { "name": "prices", "type": { "type": "map", "values": "com.acme.commerce.Money" }, "doc": "  " },
    { "name": "total", "type": "com.acme.commerce.Money", "doc": "Total." }
  ]
}
`;
const money = `{
  "type": "record",
  "name": "Money",
  "namespace": "com.acme.commerce",
  "fields": [{ "name": "cents", "type": "long", "doc": "Cents." }]
}
`;

function docs(c: Catalog) {
  return (schemaFieldDocs.checkProduct?.({ product: product(c, 'commerce/orders'), catalog: c, params: {} }) ?? []).map(
    (f) => [f.location.path, f.location.line, f.message],
  );
}

const pii = (c: Catalog, params: Record<string, unknown> = piiClassification.defaults.params) =>
  (piiClassification.checkProduct?.({ product: product(c, 'commerce/orders'), catalog: c, params }) ?? []).map((f) => [
    f.location.path,
    f.location.line,
    f.message,
  ]);

describe('SCHEMA_FIELD_DOCS', () => {
  it('passes port schemas whose every record and field has a doc', async () => {
    expect(docs(await catalog())).toEqual([]);
  });

  it('walks records, fields, arrays, maps, unions and enums, and types from other files, once each', async () => {
    const c = await catalog({ [ORDER_SCHEMA]: () => order, [MONEY]: () => money });
    const ask = 'add a sentence that says what it holds and in which unit.';
    expect(docs(c)).toEqual([
      [ORDER_SCHEMA, 10, `Field prices of com.acme.commerce.Order has no "doc"; ${ask}`],
      [MONEY, 3, `Type com.acme.commerce.Money has no "doc"; ${ask}`],
      [ORDER_SCHEMA, 9, `Type com.acme.commerce.State has no "doc"; ${ask}`],
      [ORDER_SCHEMA, 8, `Type com.acme.commerce.Line has no "doc"; ${ask}`],
      [ORDER_SCHEMA, 8, `Field sku of com.acme.commerce.Line has no "doc"; ${ask}`],
    ]);
  });

  it('checks the key schema too, and leaves files no port uses alone', async () => {
    const key =
      '{ "type": "record", "name": "OrderKey", "namespace": "com.acme.commerce", "fields": [{ "name": "id", "type": "string", "doc": "Id." }] }';
    const c = await catalog({ [KEY]: () => key, [EXTRA]: () => money.replace('Money', 'Extra') });
    expect(docs(c)).toEqual([
      [
        KEY,
        1,
        'Type com.acme.commerce.OrderKey has no "doc"; add a sentence that says what it holds and in which unit.',
      ],
    ]);
  });

  it('does not walk a port schema that does not parse', async () => {
    const c = await catalog({ [ORDER_SCHEMA]: () => '{ "type": "record", "name": "Order" }' });
    expect(docs(c)).toEqual([]);
  });
});

describe('PII_CLASSIFICATION', () => {
  const withPii = (fields: string) => ({
    [ORDER_SCHEMA]: replace('"doc": "Total." }', `"doc": "Total." },\n    ${fields}`),
  });
  const email = '{ "name": "email", "type": "string", "default": "", "doc": "E-mail.", "pii": true }';

  it('asks a product carrying pii fields to be classified restricted, on its classification line', async () => {
    const c = await catalog(withPii(email));
    expect(pii(c)).toEqual([
      [ORDERS, 6, 'Product commerce/orders is internal but carries personal data (email); classify it restricted.'],
    ]);
  });

  it('passes a product without pii fields, or classified at least the minimum', async () => {
    expect(pii(await catalog())).toEqual([]);
    const restricted = await catalog({
      ...withPii(email),
      [ORDERS]: replace('classification: internal', 'classification: restricted'),
    });
    expect(pii(restricted)).toEqual([]);
    expect(pii(await catalog(withPii(email)), { property: 'pii', minimum: 'internal' })).toEqual([]);
  });

  it('counts only a property set to true, and lists each field name once', async () => {
    const fields = [
      email,
      '{ "name": "phone", "type": "string", "default": "", "doc": "Phone.", "pii": "yes" }',
      '{ "name": "contact", "type": { "type": "record", "name": "Contact", "doc": "C.", "fields": [{ "name": "email", "type": "string", "doc": "E.", "pii": true }] }, "doc": "Contact." }',
    ].join(',\n    ');
    const [finding] = pii(await catalog(withPii(fields)), { property: 'pii', minimum: 'confidential' });
    expect(finding?.[2]).toBe(
      'Product commerce/orders is internal but carries personal data (email); classify it confidential.',
    );
  });

  it('reads any of a list of properties', async () => {
    const c = await catalog(
      withPii('{ "name": "ssn", "type": "string", "default": "", "doc": "SSN.", "sensitive": true }'),
    );
    expect(pii(c)).toEqual([]);
    expect(pii(c, { property: ['pii', 'sensitive'], minimum: 'restricted' })[0]?.[2]).toContain('personal data (ssn)');
  });

  it('is tightened by adding properties and raising the minimum only', () => {
    expect(
      piiClassification.tighten?.(
        { property: 'pii', minimum: 'confidential' },
        { property: 'gdpr', minimum: 'restricted' },
      ),
    ).toEqual({
      params: { property: ['pii', 'gdpr'], minimum: 'restricted' },
      loosened: [],
    });
    expect(piiClassification.tighten?.({ property: 'pii', minimum: 'confidential' }, { minimum: 'public' })).toEqual({
      params: { property: 'pii', minimum: 'confidential' },
      loosened: ['minimum'],
    });
  });
});

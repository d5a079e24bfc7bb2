import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { mesh } from './helpers.js';

/** The orders product of `mesh`, written as YAML so that a finding's line is the line a person sees. */
const manifest = (example: string) => `apiVersion: mesh-steward/v1
kind: DataProduct
name: orders
description: The orders product.
status: active
classification: internal
owners: { accountable: ["@acme/owners"] }
outputPorts:
  - name: orders-v1
    topic: commerce.orders.v1
    value:
      schema: schemas/value.avsc
${example}
    writer: User:svc-writer
`;

const examples = (text: string) =>
  loadCatalog(mesh({ 'catalog/commerce/orders/product.yaml': manifest(text) })).findings.map((f) => ({
    ruleId: f.ruleId,
    path: f.location.path,
    line: f.location.line,
    message: f.message,
  }));

describe('EXAMPLE_INVALID', () => {
  it('accepts an example that matches the schema', () => {
    expect(examples('      example: { id: order-1 }')).toEqual([]);
  });

  it('points at the wrong part of the example and says how to fix it', () => {
    expect(examples('      example:\n        id: 42')).toEqual([
      {
        ruleId: 'EXAMPLE_INVALID',
        path: 'catalog/commerce/orders/product.yaml',
        line: 14,
        message: expect.stringMatching(
          /^The value example of port orders-v1 does not match its schema: field id: 42 is not a string\. Write the event in Avro's JSON encoding .*or remove the example/,
        ) as string,
      },
    ]);
    expect(examples('      example:\n        id: a\n        colour: red')).toMatchObject([
      { ruleId: 'EXAMPLE_INVALID', line: 15, message: expect.stringContaining('has no field "colour"') as string },
    ]);
  });
});

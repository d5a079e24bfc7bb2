import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import { repoWithCase } from '../helpers/fixtures.js';

const P = 'catalog/commerce/orders/product.yaml';
const S = 'catalog/commerce/orders/schemas/order.avsc';
const SHIP = 'catalog/logistics/shipments/product.yaml';

async function tuples(caseName?: string) {
  const { findings } = loadCatalog(await readDirectorySource(repoWithCase(...(caseName ? [caseName] : []))));
  return findings.map((f) => [f.ruleId, f.location.path, f.location.line]);
}

describe('validation rules, each on a broken fixture under test/fixtures/validate/cases', () => {
  it('accepts the valid base fixture with no findings', async () => {
    expect(await tuples()).toEqual([]);
  });

  const cases: [string, (string | number)[][]][] = [
    ['yaml-syntax', [['YAML_SYNTAX', P, 9]]],
    ['yaml-duplicate-key', [['YAML_DUPLICATE_KEY', P, 6]]],
    ['multi-document', [['YAML_SYNTAX', P, 26]]],
    ['alias-bomb', [['YAML_ALIAS_LIMIT', P, 32]]],
    ['manifest-unknown-key', [['MANIFEST_UNKNOWN_KEY', P, 23]]],
    ['manifest-missing-field', [['MANIFEST_MISSING_FIELD', P, 1]]],
    [
      'manifest-wrong-type',
      [
        ['MANIFEST_INVALID_VALUE', P, 5],
        ['MANIFEST_INVALID_VALUE', P, 23],
      ],
    ],
    ['manifest-api-version', [['MANIFEST_INVALID_VALUE', P, 1]]],
    ['rules-unknown-rule', [['MANIFEST_UNKNOWN_KEY', 'rules/global.yaml', 6]]],
    ['avro-syntax', [['AVRO_SYNTAX', S, 9]]],
    ['avro-duplicate-key', [['AVRO_DUPLICATE_KEY', S, 6]]],
    ['avro-unknown-type', [['AVRO_UNKNOWN_TYPE', S, 7]]],
    ['avro-invalid-default', [['AVRO_INVALID_DEFAULT', S, 7]]],
    ['avro-cross-file-ref', []],
    [
      'schema-missing',
      [
        ['SCHEMA_FILE_MISSING', P, 21],
        ['UNUSED_SCHEMA_FILE', S, 1],
      ],
    ],
    [
      'schema-path-escapes',
      [
        ['SCHEMA_PATH_ESCAPES', P, 19],
        ['UNUSED_SCHEMA_FILE', 'catalog/commerce/orders/schemas/order-key.avsc', 1],
      ],
    ],
    ['input-port-unresolved', [['INPUT_PORT_UNRESOLVED', SHIP, 17]]],
    ['input-port-missing-port', [['INPUT_PORT_UNRESOLVED', SHIP, 18]]],
    ['topic-multiple-writers', [['TOPIC_MULTIPLE_WRITERS', SHIP, 11]]],
    ['domain-missing', [['DOMAIN_MISSING', 'catalog/commerce/sales/returns/product.yaml', 1]]],
    ['duplicate-port-name', [['DUPLICATE_NAME', SHIP, 16]]],
    ['duplicate-domain-name', [['DUPLICATE_NAME', 'catalog/logistics/commerce/domain.yaml', 3]]],
    ['product-name-mismatch', [['PRODUCT_NAME_MISMATCH', P, 3]]],
    ['replacement-unresolved', [['REPLACEMENT_UNRESOLVED', P, 8]]],
    [
      'unrecognized-file',
      [
        ['MANIFEST_MISNAMED', 'catalog/commerce/orders/product.yml', 1],
        ['SCHEMA_OUTSIDE_PRODUCT', 'catalog/commerce/stray.avsc', 1],
      ],
    ],
    ['unused-schema', [['UNUSED_SCHEMA_FILE', 'catalog/commerce/orders/schemas/old.avsc', 1]]],
    ['yaml-tabs-and-bom', []],
    ['domain-name-mismatch', [['DOMAIN_NAME_MISMATCH', 'catalog/commerce/domain.yaml', 3]]],
    ['product-nested', [['PRODUCT_NESTED', 'catalog/commerce/orders/extra/product.yaml', 1]]],
    ['avro-invalid', [['AVRO_INVALID', S, 9]]],
    [
      'avro-duplicate-name',
      [
        ['UNUSED_SCHEMA_FILE', 'catalog/commerce/orders/schemas/order-copy.avsc', 1],
        ['AVRO_DUPLICATE_NAME', S, 3],
      ],
    ],
    ['avro-logical-type', [['AVRO_INVALID_LOGICAL_TYPE', S, 8]]],
  ];

  it.each(cases)('%s', async (name, expected) => {
    expect(await tuples(name)).toEqual(expected);
  });

  it('points a single-writer conflict at the first writer too', async () => {
    const { findings } = loadCatalog(await readDirectorySource(repoWithCase('topic-multiple-writers')));
    expect(findings[0]?.previousLocation).toMatchObject({ path: P, line: 17 });
  });

  it('suggests the closest spelling in messages', async () => {
    const { findings } = loadCatalog(await readDirectorySource(repoWithCase('manifest-unknown-key')));
    expect(findings[0]?.message).toContain('did you mean `partitions`?');
  });

  it('keeps the model of valid products and the ids of broken ones', async () => {
    const { catalog } = loadCatalog(await readDirectorySource(repoWithCase('manifest-missing-field')));
    expect([...catalog.products.keys()]).toEqual(['logistics/shipments']);
    expect([...catalog.brokenProducts]).toEqual(['commerce/orders']);
  });

  it('ties a reference to a named type in another file of the product', async () => {
    const { catalog } = loadCatalog(await readDirectorySource(repoWithCase('avro-cross-file-ref')));
    const schema = catalog.products.get('commerce/orders')?.schemas.get(S);
    expect(schema?.references).toEqual(['com.acme.common.Money']);
    const order = schema?.type;
    expect(order?.type === 'record' && order.fields[0]?.type.type).toBe('fixed');
  });
});

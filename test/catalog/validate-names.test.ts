import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import type { ProductManifest } from '../../src/catalog/manifest-types.js';
import type { Catalog } from '../../src/catalog/model.js';
import { toolNamePrefix, validateNames, wildcardAllowed } from '../../src/catalog/validate-names.js';
import { input, mesh, port, product, type Files } from './helpers.js';

const SHIP = 'catalog/commerce/ship/product.yaml';
const catalogOf = (files: Files) => loadCatalog(mesh(files)).catalog;
/**
 * A catalog whose `commerce/ship` product has these output and input ports. The ports are put into the loaded
 * product as given, unvalidated: some names these checks refuse never pass the manifest's JSON Schema.
 */
function ship(outputs: object[], inputs: object[] = [], files: Files = {}): Catalog {
  const c = catalogOf({ [SHIP]: product('ship'), ...files });
  const loaded = c.products.get('commerce/ship')!;
  const manifest = { ...loaded.manifest, outputPorts: outputs, inputPorts: inputs } as unknown as ProductManifest;
  return { ...c, products: new Map([...c.products, ['commerce/ship', { ...loaded, manifest }]]) };
}
const topics = (...names: string[]) =>
  validateNames(ship(names.map((t, i) => port(`p${i}`, t)))).map((f) => [f.ruleId, f.severity]);
const groups = (...names: string[]) =>
  validateNames(
    ship(
      [],
      names.map((g, i) => input(`i${i}`, 'commerce/orders', 'orders-v1', { consumerGroup: g })),
    ),
  ).map((f) => [f.ruleId, f.severity]);
const rulesFile = (allowWildcard: unknown) => ({
  apiVersion: 'mesh-steward/v1',
  kind: 'Rules',
  rules: {},
  principals: { allowWildcard },
});

describe('validateNames: topics', () => {
  it('accepts ordinary topic names', () => {
    expect(validateNames(catalogOf({}))).toEqual([]);
    expect(topics('commerce.ship.v1', 'ship-events')).toEqual([]);
  });

  it('refuses names of Mesh Steward, Kafka and registries, and warns about internal-looking ones', () => {
    expect(topics(`${toolNamePrefix}.apply-lock`)).toEqual([['TOPIC_RESERVED', 'error']]);
    expect(topics('__consumer_offsets')).toEqual([['TOPIC_RESERVED', 'error']]);
    expect(topics('_schemas', '_confluent-metrics')).toEqual([
      ['TOPIC_RESERVED', 'error'],
      ['TOPIC_RESERVED', 'error'],
    ]);
    expect(topics('kafkasql-journal', 'kafkasql-snapshots')).toEqual([
      ['TOPIC_RESERVED', 'error'],
      ['TOPIC_RESERVED', 'error'],
    ]);
    expect(topics('connect-offsets', '_private')).toEqual([
      ['NAME_LOOKS_INTERNAL', 'warning'],
      ['NAME_LOOKS_INTERNAL', 'warning'],
    ]);
    expect(topics('connect-other')).toEqual([]);
  });

  it('says why and where, on the topic', () => {
    const [f] = validateNames(ship([port('events', '__x')]));
    expect(f?.message).toMatch(/^Topic __x of port events is a Kafka internal topic name/);
    expect(f?.location).toMatchObject({ path: SHIP });
  });

  it('refuses topics that collide in metric names, pointing at the first, and warns about mixed separators', () => {
    const findings = validateNames(ship([port('a', 'commerce_orders_v1')]));
    expect(findings.map((f) => [f.ruleId, f.severity, f.location.path])).toEqual([
      ['TOPIC_NAME_COLLISION', 'error', SHIP],
    ]);
    expect(findings[0]?.message).toContain('collides with commerce.orders.v1 of commerce/orders');
    expect(findings[0]?.previousLocation?.path).toBe('catalog/commerce/orders/product.yaml');
    expect(topics('a.b_c')).toEqual([['TOPIC_NAME_COLLISION', 'warning']]);
    // A reserved name is reported for that alone.
    expect(topics('_a.b_c')).toEqual([['NAME_LOOKS_INTERNAL', 'warning']]);
  });
});

describe('validateNames: consumer groups', () => {
  it('refuses wildcards and reserved prefixes, and warns about platform groups', () => {
    expect(groups('ship-group')).toEqual([]);
    expect(groups('a*', `${toolNamePrefix}-x`, '__g', '_confluent-g')).toEqual([
      ['CONSUMER_GROUP_RESERVED', 'error'],
      ['CONSUMER_GROUP_RESERVED', 'error'],
      ['CONSUMER_GROUP_RESERVED', 'error'],
      ['CONSUMER_GROUP_RESERVED', 'error'],
    ]);
    expect(groups('connect-cluster', 'connect-sink', 'schema-registry', '_g')).toEqual([
      ['NAME_LOOKS_INTERNAL', 'warning'],
      ['NAME_LOOKS_INTERNAL', 'warning'],
      ['NAME_LOOKS_INTERNAL', 'warning'],
      ['NAME_LOOKS_INTERNAL', 'warning'],
    ]);
  });

  it('names the group and its input port', () => {
    const c = ship([], [input('reads', 'commerce/orders', 'orders-v1', { consumerGroup: 'x*' })]);
    expect(validateNames(c)[0]?.message).toMatch(/^Consumer group x\* of input port reads contains `\*`/);
  });
});

describe('validateNames: principals', () => {
  const writer = (principal: string, files: Files = {}) =>
    validateNames(ship([port('p', 'commerce.ship.v1', { writer: principal })], [], files));

  it('refuses a Kafka-valid principal that names nobody in particular', () => {
    expect(writer('User:svc').map((f) => f.ruleId)).toEqual([]);
    expect(writer('Group:team').map((f) => f.ruleId)).toEqual([]);
    const bad = writer('Role:admin');
    expect(bad.map((f) => f.message)).toEqual([
      'The writer of port p, "Role:admin", has the type `Role`; use `User:` or `Group:`.',
    ]);
    expect(writer('svc')[0]?.message).toBe(
      'The writer of port p, "svc", has no principal type; write it as `User:<name>` (or `Group:<name>`).',
    );
    expect(writer('User:')[0]?.message).toContain('names no one (nothing after `User:`)');
    expect(writer('User:a*b')[0]?.message).toContain('Kafka has no prefix wildcards for principals');
    expect(writer('User:a\u200bb')[0]?.message).toContain('the invisible or control character U+200B');
  });

  it('refuses wildcards unless the rules allow them; the last rules file that says decides', () => {
    const wild = writer('User:*');
    expect(wild.map((f) => f.ruleId)).toEqual(['PRINCIPAL_WILDCARD']);
    expect(wild[0]?.message).toContain('stands for every authenticated client');
    expect(writer('User:ANONYMOUS')[0]?.message).toContain('stands for every unauthenticated client');
    expect(writer('User:*', { 'rules/a.yaml': rulesFile(true) })).toEqual([]);
    expect(writer('User:*', { 'rules/a.yaml': rulesFile(true), 'rules/b.yaml': rulesFile(false) })).toHaveLength(1);
    expect(writer('Group:*', { 'rules/a.yaml': rulesFile(false), 'rules/b.yaml': rulesFile(true) })).toEqual([]);
  });

  it('judges wildcards by the rules of the catalog given, not the one checked', () => {
    const head = ship([port('p', 'commerce.ship.v1', { writer: 'User:*' })], [], { 'rules/a.yaml': rulesFile(true) });
    expect(validateNames(head)).toEqual([]);
    expect(validateNames(head, catalogOf({})).map((f) => f.ruleId)).toEqual(['PRINCIPAL_WILDCARD']);
  });

  it('checks input port principals too', () => {
    const c = ship([], [input('reads', 'commerce/orders', 'orders-v1', { principal: 'User:*' })]);
    expect(validateNames(c).map((f) => [f.ruleId, f.message.slice(0, 40)])).toEqual([
      ['PRINCIPAL_WILDCARD', 'The principal of input port reads is Use'],
    ]);
  });
});

describe('wildcardAllowed', () => {
  it('is false without rules; a setting that is not a boolean leaves the earlier decision', () => {
    expect(wildcardAllowed(catalogOf({}))).toBe(false);
    const allowing = catalogOf({ 'rules/a.yaml': rulesFile(true) });
    expect(wildcardAllowed(allowing)).toBe(true);
    const odd = { ...allowing.rules[0]!, manifest: { principals: { allowWildcard: 'no' } } as never };
    expect(wildcardAllowed({ ...allowing, rules: [...allowing.rules, odd] })).toBe(true);
    expect(wildcardAllowed({ ...allowing, rules: [odd] })).toBe(false);
  });
});

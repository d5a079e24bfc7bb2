import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockTopic } from '../../src/apply/lock.js';
import { toolNamePrefix } from '../../src/catalog/validate-names.js';
import { runBounded } from './bounded.js';
import type { Tuple } from './names-cases.js';

const RULES = 'rules/global.yaml';
const ORDERS = 'catalog/commerce/orders/product.yaml';
const SHIPMENTS = 'catalog/logistics/shipments/product.yaml';
const DOMAIN = 'catalog/commerce/domain.yaml';
const base = join(import.meta.dirname, '..', 'fixtures', 'validate', 'base');
const fixture = (path: string) => readFileSync(join(base, path), 'utf8');

type Judged = { load: Tuple[]; rules: Tuple[] };
const judge = async (files: Record<string, string | null>) =>
  (await runBounded<Judged>('./names-cases.ts', 'judgeCatalog', [files])).value;
const judgeAll = async (overlays: Record<string, string | null>[]) =>
  (await runBounded<Judged[]>('./names-cases.ts', 'judgeCatalogs', [overlays])).value;

/** rules/global.yaml with extra lines under `rules:` (its first extra line is line 7). */
const rules = (...lines: string[]) => `${fixture(RULES)}${lines.map((l) => `  ${l}\n`).join('')}`;
const orders = (from: string, to: string) => fixture(ORDERS).replace(from, to);
const shipments = (from: string, to: string) => fixture(SHIPMENTS).replace(from, to);
const only = (tuples: Tuple[], ...ids: string[]) => tuples.filter((t) => ids.includes(t[0]));

describe('user regular expressions in rules/ are linear-time and fail closed', () => {
  it('matches a catastrophic pattern against a 40-character product name within the bounds', async () => {
    const name = `${'a'.repeat(37)}-v2`;
    const folder = `catalog/commerce/${name}`;
    const result = await judge({
      [RULES]: rules('PRODUCT_NAMING:', "  pattern: '^([a-z]+)*$'"),
      [`${folder}/product.yaml`]: fixture(ORDERS)
        .replace('name: orders\n', `name: ${name}\n`)
        .replace('commerce.orders.v1', `commerce.${name}.v1`),
      [`${folder}/schemas/order.avsc`]: fixture('catalog/commerce/orders/schemas/order.avsc'),
      [`${folder}/schemas/order-key.avsc`]: fixture('catalog/commerce/orders/schemas/order-key.avsc'),
    });
    expect(result.load).toEqual([]);
    expect(only(result.rules, 'PRODUCT_NAMING')).toEqual([['PRODUCT_NAMING', `${folder}/product.yaml`, 3, 'error']]);
  });

  it('reports an invalid pattern on its line and fails every product instead of matching everything', async () => {
    const result = await judge({ [RULES]: rules('PRODUCT_NAMING:', "  pattern: '([a-z'") });
    expect(result.load).toEqual([['RULE_PATTERN_INVALID', RULES, 8, 'error']]);
    expect(only(result.rules, 'PRODUCT_NAMING')).toEqual([
      ['PRODUCT_NAMING', ORDERS, 3, 'error'],
      ['PRODUCT_NAMING', SHIPMENTS, 3, 'error'],
    ]);
  });

  it('refuses lookaround and backreferences, which no linear-time engine matches', async () => {
    const [lookahead, backreference] = await judgeAll([
      { [RULES]: rules('PRODUCT_NAMING:', "  pattern: '^(?!tmp)[a-z-]+$'") },
      { [RULES]: rules('PRODUCT_NAMING:', "  pattern: '^([a-z])\\1$'") },
    ]);
    expect(lookahead?.load).toEqual([['RULE_PATTERN_INVALID', RULES, 8, 'error']]);
    expect(backreference?.load).toEqual([['RULE_PATTERN_INVALID', RULES, 8, 'error']]);
    expect(only(lookahead?.rules ?? [], 'PRODUCT_NAMING')).toHaveLength(2);
  });

  it('reports an invalid pattern in a domain override on the domain.yaml line, failing that domain only', async () => {
    const result = await judge({ [DOMAIN]: `${fixture(DOMAIN)}rules:\n  PRODUCT_NAMING:\n    pattern: '[z-a]'\n` });
    expect(result.load).toEqual([['RULE_PATTERN_INVALID', DOMAIN, 8, 'error']]);
    expect(only(result.rules, 'PRODUCT_NAMING')).toEqual([['PRODUCT_NAMING', ORDERS, 3, 'error']]);
  });

  it('reports a topic template with an unknown placeholder and fails its topics', async () => {
    const result = await judge({ [RULES]: rules('TOPIC_NAMING:', "  pattern: '{domain}.{team}.v{version}'") });
    expect(result.load).toEqual([['RULE_PATTERN_INVALID', RULES, 8, 'error']]);
    expect(only(result.rules, 'TOPIC_NAMING')).toEqual([
      ['TOPIC_NAMING', ORDERS, 17, 'error'],
      ['TOPIC_NAMING', SHIPMENTS, 11, 'error'],
    ]);
  });

  it('matches a template of many {version}s against a long topic within the bounds', async () => {
    const topic = `commerce.${'1'.repeat(200)}x`;
    const result = await judge({
      [RULES]: rules('TOPIC_NAMING:', `  pattern: 'commerce.${'{version}'.repeat(20)}'`),
      [ORDERS]: orders('topic: commerce.orders.v1', `topic: ${topic}`),
    });
    expect(only(result.rules, 'TOPIC_NAMING')).toEqual([
      ['TOPIC_NAMING', ORDERS, 17, 'error'],
      ['TOPIC_NAMING', SHIPMENTS, 11, 'error'],
    ]);
  });
});

describe('bounds rules with min above max', () => {
  it('reports PARTITION_BOUNDS, REPLICATION_BOUNDS and RETENTION_BOUNDS on the line of min', async () => {
    const result = await judge({
      [RULES]: rules(
        'PARTITION_BOUNDS: { min: 10, max: 5 }',
        'REPLICATION_BOUNDS:',
        '  min: 4',
        '  max: 3',
        'RETENTION_BOUNDS: { min: P30D, max: P1D }',
      ),
    });
    expect(result.load).toEqual([
      ['RULE_BOUNDS_INVERTED', RULES, 7, 'error'],
      ['RULE_BOUNDS_INVERTED', RULES, 9, 'error'],
      ['RULE_BOUNDS_INVERTED', RULES, 11, 'error'],
    ]);
  });
});

describe('wildcard and malformed principals', () => {
  it('refuses a wildcard writer and a wildcard input principal on their lines', async () => {
    const [writer, reader, anonymous] = await judgeAll([
      { [ORDERS]: orders('writer: User:svc-orders', "writer: 'User:*'") },
      { [SHIPMENTS]: shipments('principal: User:svc-shipping', "principal: 'User:*'") },
      { [SHIPMENTS]: shipments('principal: User:svc-shipping', 'principal: User:ANONYMOUS') },
    ]);
    expect(writer?.load).toEqual([['PRINCIPAL_WILDCARD', ORDERS, 25, 'error']]);
    expect(reader?.load).toEqual([['PRINCIPAL_WILDCARD', SHIPMENTS, 19, 'error']]);
    expect(anonymous?.load).toEqual([['PRINCIPAL_WILDCARD', SHIPMENTS, 19, 'error']]);
  });

  it('accepts wildcard principals where rules/ explicitly allows them', async () => {
    const result = await judge({
      [RULES]: `${fixture(RULES)}principals:\n  allowWildcard: true\n`,
      [ORDERS]: orders('writer: User:svc-orders', "writer: 'User:*'"),
    });
    expect(result.load).toEqual([]);
  });

  it('refuses principals with invisible characters or a prefix wildcard', async () => {
    const results = await judgeAll([
      { [ORDERS]: orders('writer: User:svc-orders', 'writer: "User:svc-\\u200Borders"') },
      { [ORDERS]: orders('writer: User:svc-orders', 'writer: "User:svc-\\x07orders"') },
      { [SHIPMENTS]: shipments('principal: User:svc-shipping', "principal: 'User:svc-*'") },
    ]);
    expect(results.map((r) => r.load)).toEqual([
      [['PRINCIPAL_INVALID', ORDERS, 25, 'error']],
      [['PRINCIPAL_INVALID', ORDERS, 25, 'error']],
      [['PRINCIPAL_INVALID', SHIPMENTS, 19, 'error']],
    ]);
  });
});

describe('reserved and internal topic and group names', () => {
  it('keeps the tool lock topic inside the reserved prefix', () => {
    expect(lockTopic.startsWith(toolNamePrefix)).toBe(true);
  });

  it('refuses Kafka, registry and tool topics on their line', async () => {
    const topics = [
      lockTopic,
      '__consumer_offsets',
      '__transaction_state',
      '_schemas',
      '_confluent-metrics',
      'kafkasql-journal',
    ];
    const results = await judgeAll(
      topics.map((t) => ({ [ORDERS]: orders('topic: commerce.orders.v1', `topic: ${t}`) })),
    );
    expect(results.map((r) => r.load)).toEqual(topics.map(() => [['TOPIC_RESERVED', ORDERS, 17, 'error']]));
  });

  it('warns on names of other platform components, and on topics that mix . and _', async () => {
    const results = await judgeAll([
      { [ORDERS]: orders('topic: commerce.orders.v1', 'topic: connect-offsets') },
      { [SHIPMENTS]: shipments('consumerGroup: logistics-shipments', 'consumerGroup: connect-s3-sink') },
      { [SHIPMENTS]: shipments('topic: logistics.shipments.v1', 'topic: logistics.shipments_v1') },
    ]);
    expect(results.map((r) => r.load)).toEqual([
      [['NAME_LOOKS_INTERNAL', ORDERS, 17, 'warning']],
      [['NAME_LOOKS_INTERNAL', SHIPMENTS, 20, 'warning']],
      [['TOPIC_NAME_COLLISION', SHIPMENTS, 11, 'warning']],
    ]);
  });

  it('refuses topics that collide in Kafka metric names, and reserved consumer groups', async () => {
    const results = await judgeAll([
      { [SHIPMENTS]: shipments('topic: logistics.shipments.v1', 'topic: commerce_orders_v1') },
      { [SHIPMENTS]: shipments('consumerGroup: logistics-shipments', 'consumerGroup: __consumer_offsets') },
      { [SHIPMENTS]: shipments('consumerGroup: logistics-shipments', 'consumerGroup: _mesh-steward') },
    ]);
    expect(results.map((r) => r.load)).toEqual([
      [['TOPIC_NAME_COLLISION', SHIPMENTS, 11, 'error']],
      [['CONSUMER_GROUP_RESERVED', SHIPMENTS, 20, 'error']],
      [['CONSUMER_GROUP_RESERVED', SHIPMENTS, 20, 'error']],
    ]);
  });
});

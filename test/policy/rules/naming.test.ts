import { describe, expect, it } from 'vitest';
import type { Catalog, Product } from '../../../src/catalog/model.js';
import { productNaming, topicNaming } from '../../../src/policy/rules/naming.js';
import { catalog, ORDERS, product, replace } from '../catalogs.js';

const topicAs = (topic: string) => ({ [ORDERS]: replace('topic: commerce.orders.v1', `topic: ${topic}`) });
const portAs = (name: string) => (t: string) => t.replace('name: orders-v1', `name: ${name}`);

async function orders(edits: Parameters<typeof catalog>[0] = {}): Promise<{ c: Catalog; p: Product }> {
  const c = await catalog(edits);
  return { c, p: product(c, 'commerce/orders') };
}

function topics(p: Product, c: Catalog, pattern: unknown = topicNaming.defaults.params['pattern']) {
  return (topicNaming.checkProduct?.({ product: p, catalog: c, params: { pattern } }) ?? []).map((f) => [
    f.location.line,
    f.message,
  ]);
}

describe('TOPIC_NAMING', () => {
  it('passes a topic named {domain}.{product}.v{version} with the port’s version', async () => {
    const { c, p } = await orders();
    expect(topics(p, c)).toEqual([]);
  });

  it('names the topic the pattern expects, on the topic line', async () => {
    const { c, p } = await orders(topicAs('orders_topic'));
    expect(topics(p, c)).toEqual([
      [
        17,
        'Topic orders_topic of port orders-v1 does not follow the pattern {domain}.{product}.v{version}; name it commerce.orders.v1.',
      ],
    ]);
  });

  it('asks the topic’s version to agree with the port’s', async () => {
    const { c, p } = await orders(topicAs('commerce.orders.v2'));
    expect(topics(p, c)).toEqual([
      [17, 'Topic commerce.orders.v2 carries version 2 but its port orders-v1 is version 1; make the two agree.'],
    ]);
  });

  it('accepts any version when the port name has none, and suggests v1 for it', async () => {
    const { c, p } = await orders({
      [ORDERS]: (t) => portAs('orders')(t).replace('commerce.orders.v1', 'commerce.orders.v7'),
    });
    expect(topics(p, c)).toEqual([]);
    const bad = await orders({ [ORDERS]: (t) => portAs('orders')(t).replace('commerce.orders.v1', 'commerce.orders') });
    expect(topics(bad.p, bad.c)[0]?.[1]).toContain('; name it commerce.orders.v1.');
  });

  it('suggests the port’s own version', async () => {
    const { c, p } = await orders({ [ORDERS]: (t) => portAs('orders-v4')(t).replace('commerce.orders.v1', 'x') });
    expect(topics(p, c)[0]?.[1]).toContain('; name it commerce.orders.v4.');
  });

  it('wants digits, and at least one, where {version} stands', async () => {
    for (const topic of ['commerce.orders.v', 'commerce.orders.vone', 'commerce.orders.v1x', 'shop.orders.v1']) {
      const { c, p } = await orders(topicAs(topic));
      expect(topics(p, c)).toHaveLength(1);
    }
  });

  it('joins a nested domain’s folders with dots', async () => {
    const { c, p } = await orders();
    const nested = { ...p, domainId: 'commerce/web' };
    expect(topics(nested, c)[0]?.[1]).toContain('; name it commerce.web.orders.v1.');
    const renamed = await orders(topicAs('commerce.web.orders.v1'));
    expect(topics({ ...renamed.p, domainId: 'commerce/web' }, renamed.c)).toEqual([]);
  });

  it('compares a template without {version} as plain text, with {port} for the port name', async () => {
    const { c, p } = await orders(topicAs('commerce.orders-v1'));
    expect(topics(p, c, '{domain}.{port}')).toEqual([]);
    expect(topics(p, c, '{domain}.{product}')).toEqual([
      [
        17,
        'Topic commerce.orders-v1 of port orders-v1 does not follow the pattern {domain}.{product}; name it commerce.orders.',
      ],
    ]);
  });

  it('matches a template with two {version}s, taking the first as the topic’s version', async () => {
    const { c, p } = await orders(topicAs('commerce.v1.orders.v9'));
    expect(topics(p, c, '{domain}.v{version}.{product}.v{version}')).toEqual([]);
    const wrong = await orders(topicAs('commerce.v3.orders.v1'));
    expect(topics(wrong.p, wrong.c, '{domain}.v{version}.{product}.v{version}')).toEqual([
      [17, 'Topic commerce.v3.orders.v1 carries version 3 but its port orders-v1 is version 1; make the two agree.'],
    ]);
    const none = await orders(topicAs('commerce.v1.orders.vx'));
    expect(topics(none.p, none.c, '{domain}.v{version}.{product}.v{version}')).toHaveLength(1);
  });

  it('treats pattern characters in names as themselves', async () => {
    const { c, p } = await orders(topicAs('commerceXorders.v1'));
    expect(topics(p, c)).toHaveLength(1);
    const two = await orders(topicAs('commerceXordersXv1Xv2'));
    expect(topics(two.p, two.c, '{domain}.{product}.v{version}.v{version}')).toHaveLength(1);
  });

  it('checks every pattern of a list (a domain’s adds to the global one)', async () => {
    const { c, p } = await orders();
    expect(topics(p, c, ['{domain}.{product}.v{version}', 'acme.{domain}.{product}.v{version}'])).toEqual([
      [
        17,
        'Topic commerce.orders.v1 of port orders-v1 does not follow the pattern acme.{domain}.{product}.v{version}; name it acme.commerce.orders.v1.',
      ],
    ]);
  });

  it('fails closed on a template with an unknown placeholder', async () => {
    const { c, p } = await orders();
    expect(topics(p, c, '{team}.{product}')).toEqual([
      [
        17,
        'Topic commerce.orders.v1 of port orders-v1 cannot be checked: the TOPIC_NAMING pattern "{team}.{product}" uses the unknown placeholder {team} (known: {domain}, {product}, {port}, {version}); the governance team fixes it in rules/ or the domain.yaml that sets it (RULE_PATTERN_INVALID says where).',
      ],
    ]);
  });

  it('is tightened by adding patterns', () => {
    expect(topicNaming.tighten?.({ pattern: 'a' }, { pattern: 'b' })).toEqual({
      params: { pattern: ['a', 'b'] },
      loosened: [],
    });
  });
});

describe('PRODUCT_NAMING', () => {
  const names = (p: Product, c: Catalog, pattern: unknown = productNaming.defaults.params['pattern']) =>
    (productNaming.checkProduct?.({ product: p, catalog: c, params: { pattern } }) ?? []).map((f) => [
      f.location.line,
      f.message,
    ]);
  const named = (p: Product, name: string): Product => ({ ...p, manifest: { ...p.manifest, name } });

  it('passes kebab-case names by default', async () => {
    const { c, p } = await orders();
    expect(names(p, c)).toEqual([]);
    expect(names(named(p, 'web-orders-2'), c)).toEqual([]);
  });

  it('flags a name the pattern does not match, on the name line', async () => {
    const { c, p } = await orders();
    expect(names(named(p, 'Web_Orders'), c)).toEqual([
      [3, 'Product name Web_Orders does not match ^[a-z][a-z0-9]*(-[a-z0-9]+)*$; rename the product and its folder.'],
    ]);
    expect(names(named(p, 'orders-'), c)).toHaveLength(1);
    expect(names(named(p, '2orders'), c)).toHaveLength(1);
  });

  it('finds the pattern anywhere unless it is anchored', async () => {
    const { c, p } = await orders();
    expect(names(p, c, 'der')).toEqual([]);
    expect(names(p, c, '^der$')).toHaveLength(1);
  });

  it('checks every pattern of a list', async () => {
    const { c, p } = await orders();
    expect(names(p, c, ['^[a-z]+$', '^.{1,4}$']).map((f) => f[1])).toEqual([
      'Product name orders does not match ^.{1,4}$; rename the product and its folder.',
    ]);
  });

  it('fails closed on a pattern that does not compile', async () => {
    const { c, p } = await orders();
    const [finding, ...rest] = names(p, c, '([a-z]');
    expect(rest).toEqual([]);
    expect(finding?.[0]).toBe(3);
    expect(finding?.[1]).toMatch(
      /^Product orders cannot be checked: the PRODUCT_NAMING pattern "\(\[a-z\]" is not a valid regular expression \(.+\); the governance team fixes it in rules\/ or the domain.yaml that sets it \(RULE_PATTERN_INVALID says where\)\.$/,
    );
  });

  it('ignores parameters that are not strings', async () => {
    const { c, p } = await orders();
    expect(names(named(p, 'BAD'), c, [42, null])).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/catalog/diff.js';
import type { Catalog } from '../../src/catalog/model.js';
import { checkDomainOverrides, evaluateRules, type RuleInputs } from '../../src/policy/evaluate-rules.js';
import type { ChangeRuleContext, ProductRuleContext, RuleDefinition } from '../../src/policy/rule-types.js';
import { tighteners } from '../../src/policy/tighten.js';
import { catalog, ORDERS, product } from './catalogs.js';

const COMMERCE = 'catalog/commerce/domain.yaml';
const here = { path: ORDERS, line: 1, column: 1 };
const withRules = (rules: string) => (t: string) => `${t}rules:\n${rules}`;

/** A product rule and a change rule that record what they were given and report one finding each. */
function recording() {
  const seen: { products: ProductRuleContext[]; changes: ChangeRuleContext[] } = { products: [], changes: [] };
  const rules: RuleDefinition[] = [
    {
      id: 'PARTITION_BOUNDS',
      defaults: { enabled: true, severity: 'warning', params: { max: 10 } },
      tighten: tighteners.max('max'),
      checkProduct: (ctx) => {
        seen.products.push(ctx);
        return [{ location: ctx.product.document.locate([]), message: `product ${ctx.product.id}` }];
      },
    },
    {
      id: 'LIFECYCLE_TRANSITION',
      defaults: { enabled: true, severity: 'notice', params: {} },
      checkChange: (ctx) => {
        seen.changes.push(ctx);
        return [{ location: ctx.change.location, message: `change ${ctx.change.kind}` }];
      },
    },
  ];
  return { seen, rules };
}

function inputs(c: Catalog, extra: Partial<RuleInputs> = {}): RuleInputs {
  return {
    rulesFrom: c,
    base: c,
    head: c,
    changes: [],
    products: [],
    breaking: () => false,
    today: '2026-11-22',
    ...extra,
  };
}

describe('evaluateRules', () => {
  it('runs product rules on the given products with the head catalog, at the rule’s severity', async () => {
    const base = await catalog();
    const head = await catalog();
    const { seen, rules } = recording();
    const findings = evaluateRules(
      inputs(base, { head, products: [product(head, 'commerce/orders'), product(head, 'logistics/shipments')] }),
      rules,
    );
    expect(findings).toEqual([
      { ruleId: 'PARTITION_BOUNDS', severity: 'warning', location: here, message: 'product commerce/orders' },
      {
        ruleId: 'PARTITION_BOUNDS',
        severity: 'warning',
        location: { ...here, path: 'catalog/logistics/shipments/product.yaml' },
        message: 'product logistics/shipments',
      },
    ]);
    expect(seen.products.map((c) => c.catalog)).toEqual([head, head]);
    expect(seen.changes).toEqual([]);
  });

  it('gives each product its domain’s settings, from the rules catalog', async () => {
    const rulesFrom = await catalog({ [COMMERCE]: withRules('  PARTITION_BOUNDS: { max: 4, severity: error }\n') });
    const head = await catalog();
    const { seen, rules } = recording();
    const findings = evaluateRules(
      inputs(head, { rulesFrom, products: [product(head, 'commerce/orders'), product(head, 'logistics/shipments')] }),
      rules,
    );
    expect(findings.map((f) => f.severity)).toEqual(['error', 'warning']);
    expect(seen.products.map((c) => c.params)).toEqual([{ max: 4 }, { max: 10 }]);
  });

  it('skips disabled rules', async () => {
    const c = await catalog({
      'rules/global.yaml': () =>
        'apiVersion: mesh-steward/v1\nkind: Rules\nrules:\n  PARTITION_BOUNDS: { enabled: false }\n  LIFECYCLE_TRANSITION: { enabled: false }\n',
    });
    const { seen, rules } = recording();
    const change: Change = { kind: 'product-added', productId: 'commerce/orders', location: here };
    expect(evaluateRules(inputs(c, { products: [product(c, 'commerce/orders')], changes: [change] }), rules)).toEqual(
      [],
    );
    expect(seen).toEqual({ products: [], changes: [] });
  });

  it('runs change rules with both catalogs, breaking and today', async () => {
    const base = await catalog();
    const head = await catalog();
    const breaking = () => true;
    const { seen, rules } = recording();
    const change: Change = { kind: 'product-added', productId: 'commerce/orders', location: here };
    const findings = evaluateRules(
      { ...inputs(base, { head, changes: [change] }), breaking, today: '2027-01-01' },
      rules,
    );
    expect(findings).toEqual([
      { ruleId: 'LIFECYCLE_TRANSITION', severity: 'notice', location: here, message: 'change product-added' },
    ]);
    expect(seen.changes).toHaveLength(1);
    const [ctx] = seen.changes;
    expect([ctx?.change, ctx?.base, ctx?.head, ctx?.breaking, ctx?.today]).toEqual([
      change,
      base,
      head,
      breaking,
      '2027-01-01',
    ]);
  });

  it('judges a change by the domain of its product in the head, else the base, else the global settings', async () => {
    const rulesFrom = await catalog({ [COMMERCE]: withRules('  LIFECYCLE_TRANSITION: { severity: error }\n') });
    const withOrders = await catalog();
    const without = await catalog({ [ORDERS]: () => undefined });
    const removed: Change = { kind: 'product-removed', productId: 'commerce/orders', location: here };
    const run = (base: Catalog, head: Catalog, change: Change) =>
      evaluateRules(inputs(rulesFrom, { base, head, changes: [change] }), recording().rules).map((f) => f.severity);
    expect(run(without, withOrders, removed)).toEqual(['error']);
    expect(run(withOrders, without, removed)).toEqual(['error']);
    expect(run(without, without, removed)).toEqual(['notice']);
    expect(run(withOrders, withOrders, { kind: 'rules-changed', path: 'rules/global.yaml', location: here })).toEqual([
      'notice',
    ]);
  });

  it('gives a product in a domain the rules catalog does not know its nearest known domain’s settings', async () => {
    const rulesFrom = await catalog({ [COMMERCE]: withRules('  PARTITION_BOUNDS: { max: 4 }\n') });
    const head = await catalog();
    const nested = { ...product(head, 'commerce/orders'), domainId: 'commerce/web/eu' };
    const elsewhere = { ...product(head, 'commerce/orders'), domainId: 'marketing' };
    const { seen, rules } = recording();
    evaluateRules(inputs(head, { rulesFrom, products: [nested, elsewhere] }), rules);
    expect(seen.products.map((c) => c.params)).toEqual([{ max: 4 }, { max: 10 }]);
  });

  it('runs the built-in rules by default', async () => {
    const c = await catalog();
    const orders = product(c, 'commerce/orders');
    const shouting = { ...orders, manifest: { ...orders.manifest, name: 'ORDERS' } };
    expect(evaluateRules(inputs(c, { products: [shouting] })).map((f) => [f.ruleId, f.severity])).toEqual([
      ['TOPIC_NAMING', 'error'],
      ['PRODUCT_NAMING', 'error'],
    ]);
  });
});

describe('checkDomainOverrides', () => {
  it('reports the loosenings of the domains asked for, only', async () => {
    const c = await catalog({ [COMMERCE]: withRules('  PARTITION_BOUNDS: { max: 20 }\n') });
    const { rules } = recording();
    expect(checkDomainOverrides(c, ['logistics'], rules)).toEqual([]);
    const found = checkDomainOverrides(c, ['commerce', 'logistics'], rules);
    expect(found.map((f) => [f.ruleId, f.location.path, f.location.line])).toEqual([['RULE_LOOSENED', COMMERCE, 7]]);
  });

  it('judges by the built-in rules by default', async () => {
    const c = await catalog({ [COMMERCE]: withRules('  MIN_COMPATIBILITY: { level: NONE }\n') });
    expect(checkDomainOverrides(c, ['commerce']).map((f) => f.message)).toEqual([
      'Domain commerce sets MIN_COMPATIBILITY.level looser than the rules it inherits; a domain may only tighten governance, so remove this override or make it stricter.',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { describeChange } from '../../src/catalog/describe-change.js';
import type { Change } from '../../src/catalog/diff.js';
import type { InputPortManifest } from '../../src/catalog/manifest-types.js';

const location = { path: 'catalog/a/b/product.yaml', line: 1, column: 1 };
const input: InputPortManifest = {
  name: 'orders-in',
  product: 'commerce/orders',
  port: 'orders-v1',
  principal: 'User:svc-ship',
  consumerGroup: 'ship',
};

const cases: [Change, string][] = [
  [{ kind: 'product-added', productId: 'a/b', location }, 'New product a/b.'],
  [{ kind: 'product-removed', productId: 'a/b', location }, 'Product a/b is removed.'],
  [{ kind: 'metadata-changed', productId: 'a/b', fields: ['title', 'tags'], location }, 'a/b: title, tags changed.'],
  [
    { kind: 'sla-changed', productId: 'a/b', direction: 'downgrade', details: ['tier worsens', 'x'], location },
    'a/b: SLA downgrade (tier worsens, x).',
  ],
  [{ kind: 'sla-changed', productId: 'a/b', direction: 'changed', details: [], location }, 'a/b: SLA changed.'],
  [
    { kind: 'ownership-changed', productId: 'a/b', roles: ['accountable', 'informed'], transfer: true, location },
    'a/b: accountable, informed changed (accountability transferred).',
  ],
  [
    { kind: 'ownership-changed', productId: 'a/b', roles: ['consulted'], transfer: false, location },
    'a/b: consulted changed.',
  ],
  [
    { kind: 'status-changed', productId: 'a/b', from: 'active', to: 'deprecated', location },
    'a/b: status active → deprecated.',
  ],
  [
    { kind: 'output-port-added', productId: 'a/b', port: 'p1', topic: 'a.b.v1', location },
    'a/b: new output port p1 on topic a.b.v1.',
  ],
  [
    { kind: 'output-port-removed', productId: 'a/b', port: 'p1', topic: 'a.b.v1', location },
    'a/b: output port p1 (topic a.b.v1) is removed.',
  ],
  [
    { kind: 'topic-settings-changed', productId: 'a/b', port: 'p1', settings: ['partitions', 'configs.x'], location },
    'a/b#p1: partitions, configs.x changed.',
  ],
  [
    {
      kind: 'compatibility-changed',
      productId: 'a/b',
      port: 'p1',
      from: 'FULL',
      to: 'BACKWARD',
      loosened: true,
      location,
    },
    'a/b#p1: compatibility FULL → BACKWARD (loosened).',
  ],
  [
    {
      kind: 'compatibility-changed',
      productId: 'a/b',
      port: 'p1',
      from: 'BACKWARD',
      to: 'FULL',
      loosened: false,
      location,
    },
    'a/b#p1: compatibility BACKWARD → FULL.',
  ],
  [
    {
      kind: 'schema-changed',
      productId: 'a/b',
      port: 'p1',
      role: 'value',
      path: 'catalog/a/b/schemas/v.avsc',
      previousPath: 'catalog/a/b/schemas/v.avsc',
      level: 'BACKWARD',
      through: [],
      location,
    },
    'a/b#p1: value schema catalog/a/b/schemas/v.avsc changed (checked under BACKWARD).',
  ],
  [
    {
      kind: 'schema-changed',
      productId: 'a/b',
      port: 'p1',
      role: 'key',
      path: 'k.avsc',
      previousPath: 'k.avsc',
      level: 'FULL',
      through: ['m.avsc', 'n.avsc'],
      location,
    },
    'a/b#p1: key schema k.avsc changed through m.avsc, n.avsc (checked under FULL).',
  ],
  [
    { kind: 'input-port-added', productId: 'l/s', input, location },
    'l/s requests access to commerce/orders#orders-v1 as User:svc-ship.',
  ],
  [{ kind: 'input-port-removed', productId: 'l/s', input, location }, 'l/s stops reading commerce/orders#orders-v1.'],
  [{ kind: 'domain-added', domainId: 'a', location }, 'New domain a.'],
  [{ kind: 'domain-removed', domainId: 'a', location }, 'Domain a is removed.'],
  [{ kind: 'domain-changed', domainId: 'a', location }, 'Domain a changed.'],
  [{ kind: 'rules-changed', path: 'rules/global.yaml', location }, 'Governance rules changed in rules/global.yaml.'],
  [{ kind: 'settings-changed', path: '.github/steward.yml', location }, 'Bot settings changed in .github/steward.yml.'],
];

describe('describeChange', () => {
  it.each(cases)('describes %o', (change, sentence) => {
    expect(describeChange(change)).toBe(sentence);
  });

  it('has a sentence for every kind of change', () => {
    expect(new Set(cases.map(([c]) => c.kind)).size).toBe(18);
  });
});

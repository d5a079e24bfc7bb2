import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { buildSite } from '../../src/site/build.js';
import { escapeHtml, html } from '../../src/site/html.js';
import { domain, input, port, product, tree } from '../catalog/helpers.js';

const script = '<script>alert(1)</script>';
const attribute = '" onerror="x';
const hostile = `${script}${attribute}`;

/**
 * A mesh whose every free-text field carries markup (descriptions, titles, docs, notes, SLA texts, defaults); then,
 * past validation, the fields the manifest schema would refuse it in (tags, names, topic, writer, configs, principal) get it
 * too: the site escapes what it is given, not what validation happened to let through.
 */
function hostileSite(): Map<string, string> {
  const { catalog, findings } = loadCatalog(
    tree({
      'catalog/commerce/domain.yaml': domain('commerce', { title: hostile, description: hostile }),
      'catalog/commerce/orders/product.yaml': product('orders', {
        title: hostile,
        description: hostile,
        status: 'deprecated',
        deprecation: { sunset: '2030-01-01', replacement: 'commerce/billing', note: hostile },
        sla: { tier: 'gold', support: hostile, supportHours: hostile },
        links: { runbook: `https://example.com/${attribute}`, other: `javascript:${hostile}` },
        outputPorts: [port('orders-v1', 'commerce.orders.v1', { description: hostile })],
      }),
      'catalog/commerce/orders/schemas/value.avsc': JSON.stringify({
        type: 'record',
        name: 'Order',
        namespace: 'com.acme',
        doc: hostile,
        fields: [
          { name: 'id', type: 'string', doc: hostile, tag: hostile },
          { name: 'note', type: ['null', 'string'], default: null, doc: hostile },
          { name: 'kind', type: { type: 'enum', name: 'Kind', doc: hostile, symbols: ['A'] }, doc: hostile },
          { name: 'text', type: 'string', default: hostile },
        ],
      }),
      'catalog/commerce/billing/product.yaml': product('billing', {
        description: hostile,
        inputPorts: [input('orders-in', 'commerce/orders', 'orders-v1', { description: hostile })],
      }),
    }),
  );
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  const products = new Map(
    [...catalog.products].map(([id, p]) => {
      const m = p.manifest;
      const manifest = {
        ...m,
        name: hostile,
        tags: ['plain', hostile],
        outputPorts: m.outputPorts?.map((o) => ({
          ...o,
          topic: hostile,
          writer: hostile,
          configs: { [hostile]: hostile },
        })),
        inputPorts: m.inputPorts?.map((i) => ({ ...i, principal: hostile, consumerGroup: hostile })),
      };
      return [id, { ...p, schemas: p.schemas, manifest }];
    }),
  );
  return buildSite({ ...catalog, products });
}

describe('escaping', () => {
  it('escapes the five characters that make markup, for text and quoted attributes alike', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(html`<p title="${attribute}">${script}</p>`.text).toBe(
      '<p title="&quot; onerror=&quot;x">&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
  });

  it('renders markup in any catalog string as text on every page', () => {
    const site = hostileSite();
    expect(site.size).toBeGreaterThan(4);
    for (const [path, text] of site) {
      expect(text, path).not.toContain(script);
      expect(text, path).not.toContain(attribute);
      expect(text, path).not.toMatch(/<script/i);
      expect(text, path).not.toMatch(/onerror="/i);
    }
    const orders = site.get('products/commerce/orders.html') as string;
    // The payload is there, as text: in the title, the description, a tag, a field's doc, a default, the banner.
    expect(orders.split(escapeHtml(hostile)).length - 1).toBeGreaterThanOrEqual(8);
    expect(orders).toContain(`<span class="tag">${escapeHtml(hostile)}</span>`);
    expect(orders).not.toContain('href="javascript:');
  });
});

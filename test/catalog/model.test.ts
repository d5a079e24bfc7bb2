import { describe, expect, it } from 'vitest';
import { catalogPath, SourceDocument } from '../../src/catalog/model.js';
import { parseYaml } from '../../src/core/yaml-parse.js';

const text = 'name: orders\nowners:\n  accountable: ["@a", "@b"]\nlist:\n  - x\n  - y\n';

describe('SourceDocument', () => {
  it('locates a value, or its key on request', () => {
    const doc = new SourceDocument('p.yaml', text, (t) => parseYaml(t).root);
    expect(doc.locate(['name'])).toEqual({ path: 'p.yaml', line: 1, column: 7 });
    expect(doc.locate(['name'], { key: true })).toEqual({ path: 'p.yaml', line: 1, column: 1 });
    expect(doc.locate(['owners', 'accountable', 1])).toEqual({ path: 'p.yaml', line: 3, column: 23 });
    expect(doc.locate(['list', 1])).toEqual({ path: 'p.yaml', line: 6, column: 5 });
  });

  it('locates a missing path at its nearest existing ancestor', () => {
    const doc = new SourceDocument('p.yaml', text, (t) => parseYaml(t).root);
    expect(doc.locate(['owners', 'informed'])).toEqual(doc.locate(['owners']));
    expect(doc.locate(['list', 9])).toEqual(doc.locate(['list']));
  });

  it('locates at line 1, column 1 when the text has no tree', () => {
    const doc = new SourceDocument('empty.yaml', '', () => undefined);
    expect(doc.locate(['anything'])).toEqual({ path: 'empty.yaml', line: 1, column: 1 });
  });

  it('parses on first use only, once', () => {
    let parses = 0;
    const doc = new SourceDocument('p.yaml', text, (t) => {
      parses++;
      return parseYaml(t).root;
    });
    expect(parses).toBe(0);
    doc.locate(['name']);
    doc.locate(['list']);
    expect(doc.root?.kind).toBe('object');
    expect(parses).toBe(1);
  });

  it('keeps its path and text, and indexes lines of the text', () => {
    const doc = new SourceDocument('p.yaml', text, () => undefined);
    expect(doc.path).toBe('p.yaml');
    expect(doc.text).toBe(text);
    expect(doc.lines.location(text.indexOf('list'))).toEqual({ path: 'p.yaml', line: 4, column: 1 });
    expect(doc.lines).toBe(doc.lines);
  });
});

describe('catalogPath', () => {
  it('puts a file of a product or domain folder under catalog/', () => {
    expect(catalogPath('commerce/orders', 'product.yaml')).toBe('catalog/commerce/orders/product.yaml');
    expect(catalogPath('commerce', '')).toBe('catalog/commerce/');
  });
});

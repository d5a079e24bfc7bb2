import { describe, expect, it } from 'vitest';
import { scanLayout } from '../../src/catalog/layout.js';
import type { SourceEntry } from '../../src/core/source.js';

const file: SourceEntry = { kind: 'file', content: '' };
const layoutOf = (paths: string[], extra: [string, SourceEntry][] = []) =>
  scanLayout(new Map<string, SourceEntry>([...paths.map((p): [string, SourceEntry] => [p, file]), ...extra]));
const found = (layout: ReturnType<typeof scanLayout>) =>
  layout.findings.map((f) => [f.ruleId, f.location.path, f.severity]);

describe('scanLayout', () => {
  it('sorts domains and products and gives each product its .avsc files, at any depth inside it', () => {
    const layout = layoutOf([
      'catalog/b/domain.yaml',
      'catalog/a/domain.yaml',
      'catalog/a/z/product.yaml',
      'catalog/a/y/product.yaml',
      'catalog/a/y/schemas/v.avsc',
      'catalog/a/y/schemas/deep/k.avsc',
      'catalog/a/y/README.md',
      'rules/global.yaml',
      'README.md',
    ]);
    expect(layout.domainIds).toEqual(['a', 'b']);
    expect(layout.productIds).toEqual(['a/y', 'a/z']);
    expect(Object.fromEntries(layout.schemaFiles)).toEqual({
      'a/y': ['catalog/a/y/schemas/v.avsc', 'catalog/a/y/schemas/deep/k.avsc'],
    });
    expect(layout.findings).toEqual([]);
  });

  it('accepts nested domains when every folder above has its domain.yaml', () => {
    const layout = layoutOf(['catalog/a/domain.yaml', 'catalog/a/b/domain.yaml', 'catalog/a/b/p/product.yaml']);
    expect(layout.findings).toEqual([]);
  });

  it('reports every folder above a product or domain that lacks a domain.yaml', () => {
    const layout = layoutOf(['catalog/a/domain.yaml', 'catalog/a/b/c/p/product.yaml', 'catalog/x/y/domain.yaml']);
    expect(found(layout)).toEqual([
      ['DOMAIN_MISSING', 'catalog/a/b/c/p/product.yaml', 'error'],
      ['DOMAIN_MISSING', 'catalog/a/b/c/p/product.yaml', 'error'],
      ['DOMAIN_MISSING', 'catalog/x/y/domain.yaml', 'error'],
    ]);
    expect(layout.findings[0]?.message).toBe(
      "Folder catalog/a/b holds a/b/c/p but has no domain.yaml; add catalog/a/b/domain.yaml with the domain's name, description and owners.",
    );
    expect(layout.findings[1]?.message).toContain('Folder catalog/a/b/c holds');
  });

  it('reports a product directly in catalog/', () => {
    const layout = layoutOf(['catalog/p/product.yaml']);
    expect(found(layout)).toEqual([['DOMAIN_MISSING', 'catalog/p/product.yaml', 'error']]);
    expect(layout.findings[0]?.message).toContain('Product p sits directly in catalog/');
  });

  it('reports a product inside a product, and a domain inside or at a product', () => {
    const layout = layoutOf([
      'catalog/a/domain.yaml',
      'catalog/a/p/product.yaml',
      'catalog/a/p/q/product.yaml',
      'catalog/a/p/d/domain.yaml',
      'catalog/a/p/domain.yaml',
    ]);
    expect(found(layout)).toEqual([
      ['PRODUCT_NESTED', 'catalog/a/p/q/product.yaml', 'error'],
      ['PRODUCT_NESTED', 'catalog/a/p/domain.yaml', 'error'],
      ['PRODUCT_NESTED', 'catalog/a/p/d/domain.yaml', 'error'],
    ]);
    expect(layout.findings[0]?.message).toContain('Product a/p/q is inside product a/p;');
    expect(layout.findings[1]?.message).toContain('Domain a/p is inside product a/p;');
    expect(layout.findings[2]?.message).toContain('Domain a/p/d is inside product a/p;');
  });

  it('reports misnamed manifests as errors and other YAML as unrecognized, with a hint when close', () => {
    const layout = layoutOf([
      'catalog/a/domain.yaml',
      'catalog/a/p/product.yaml',
      'catalog/a/p/Product.yml',
      'catalog/a/DOMAIN.YAML',
      'catalog/a/p/produt.yaml',
      'catalog/a/p/notes.yml',
    ]);
    expect(found(layout)).toEqual([
      ['MANIFEST_MISNAMED', 'catalog/a/p/Product.yml', 'error'],
      ['MANIFEST_MISNAMED', 'catalog/a/DOMAIN.YAML', 'error'],
      ['UNRECOGNIZED_FILE', 'catalog/a/p/produt.yaml', 'warning'],
      ['UNRECOGNIZED_FILE', 'catalog/a/p/notes.yml', 'warning'],
    ]);
    expect(layout.findings[0]?.message).toContain('must be named exactly product.yaml; rename it to product.yaml');
    expect(layout.findings[2]?.message).toContain('rename it to product.yaml if it is meant as one.');
    expect(layout.findings[3]?.message).toContain(
      'move it out of catalog/ or rename it to domain.yaml or product.yaml.',
    );
  });

  it('warns about a schema outside any product folder and does not assign it', () => {
    const layout = layoutOf(['catalog/a/domain.yaml', 'catalog/a/stray.avsc']);
    expect(found(layout)).toEqual([['SCHEMA_OUTSIDE_PRODUCT', 'catalog/a/stray.avsc', 'warning']]);
    expect(layout.schemaFiles.size).toBe(0);
  });

  it('leaves a linked schema file to its product, and reports any other link inside catalog/', () => {
    const link = (target: string): SourceEntry => ({ kind: 'symlink', target });
    const layout = layoutOf(
      ['catalog/a/domain.yaml', 'catalog/a/p/product.yaml'],
      [
        ['catalog/a/p/schemas/v.avsc', link('/etc/passwd')],
        ['catalog/a/linked', link('/etc')],
        ['catalog/a/x.avsc', link('y.avsc')],
      ],
    );
    expect(found(layout)).toEqual([
      ['SOURCE_SYMLINK', 'catalog/a/linked', 'error'],
      ['SOURCE_SYMLINK', 'catalog/a/x.avsc', 'error'],
    ]);
    expect(layout.schemaFiles.get('a/p')).toEqual(['catalog/a/p/schemas/v.avsc']);
  });

  it('reports roots that are links or not folders, and links in rules/ other than rule files', () => {
    const layout = layoutOf(
      [],
      [
        ['catalog', { kind: 'symlink', target: '/tmp/other' }],
        ['rules', { kind: 'file', content: 'x' }],
        ['.github', { kind: 'not-regular', type: 'socket' }],
        ['rules/sub', { kind: 'symlink', target: '/etc' }],
        ['rules/global.yaml', { kind: 'symlink', target: '/etc/x' }],
      ],
    );
    expect(found(layout)).toEqual([
      ['SOURCE_SYMLINK', 'catalog', 'error'],
      ['SOURCE_NOT_REGULAR', 'rules', 'error'],
      ['SOURCE_NOT_REGULAR', '.github', 'error'],
      ['SOURCE_SYMLINK', 'rules/sub', 'error'],
    ]);
    expect(layout.findings[1]?.message).toBe(
      'rules is a file, not a folder, so nothing in it is read; make rules a folder.',
    );
    expect(layout.findings[2]?.message).toContain('.github is a socket, not a folder');
  });

  it('reports a folder named like a manifest once', () => {
    const layout = layoutOf(['catalog/a/domain.yaml', 'catalog/a/p/product.yaml/x', 'catalog/a/p/product.yaml/y']);
    expect(found(layout)).toEqual([['SOURCE_NOT_REGULAR', 'catalog/a/p/product.yaml', 'error']]);
  });

  it('reports a name that is not UTF-8 once, at the shortest prefix holding the bad byte', () => {
    const layout = layoutOf([
      'catalog/a/domain.yaml',
      'catalog/a/b\uFFFDd/one.md',
      'catalog/a/b\uFFFDd/two.md',
      'x\uFFFD',
    ]);
    expect(found(layout)).toEqual([
      ['FILE_NAME_NOT_UTF8', 'catalog/a/b\uFFFDd', 'error'],
      ['FILE_NAME_NOT_UTF8', 'x\uFFFD', 'error'],
    ]);
  });
});

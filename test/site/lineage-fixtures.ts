import { expect } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import type { Catalog } from '../../src/catalog/model.js';
import { squash } from './site-files.js';
import { domain, input, port, product, record, tree, type Files } from '../catalog/helpers.js';

/**
 * A catalog from a lineage spec: product id → the product ids it reads (each through its port `<name>-v1`, by an
 * input port `from-<name>`). Every folder above a product is a domain; `extra` adds to (or replaces) any file.
 */
export function lineageCatalog(spec: Record<string, readonly string[]>, extra: Files = {}): Catalog {
  const files: Files = {};
  for (const [id, reads] of Object.entries(spec)) {
    const segments = id.split('/');
    const name = segments[segments.length - 1] as string;
    for (let i = 1; i < segments.length; i++)
      files[`catalog/${segments.slice(0, i).join('/')}/domain.yaml`] ??= domain(segments[i - 1] as string);
    files[`catalog/${id}/schemas/value.avsc`] = record(`R${name.replace(/-/g, '')}`);
    files[`catalog/${id}/product.yaml`] = product(name, {
      outputPorts: [port(`${name}-v1`, `${segments.join('.')}.v1`, { writer: `User:svc-${name}` })],
      inputPorts: reads.map((from) => input(`from-${from.split('/').pop()}`, from, `${from.split('/').pop()}-v1`)),
    });
  }
  const { catalog, findings } = loadCatalog(tree({ ...files, ...extra }));
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  return catalog;
}

/** The inline SVG of a page (the first one), whitespace between and inside tags removed; '' when it has none. */
export function svgOf(page: string): string {
  const svg = /<svg\s[^]*?<\/svg>/.exec(page)?.[0] ?? '';
  return squash(svg)
    .replace(/<svg\s+/g, '<svg ')
    .replace(/\s+(\/?>)/g, '$1');
}

/** The boxes of a drawing: kind (`self`, `upstream`, …), href and accessible name, in document order. */
export function boxesOf(svg: string): { kind: string; href: string; label: string }[] {
  return [...svg.matchAll(/<a class="node ([a-z]+)" href="([^"]*)"[^>]*><title>([^<]*)<\/title>/g)].map((m) => ({
    kind: m[1] as string,
    href: m[2] as string,
    label: m[3] as string,
  }));
}

import { describe, expect, it } from 'vitest';
import { buildSite } from '../../src/site/build.js';
import { edgePath, layoutLineage, truncate } from '../../src/site/lineage-svg.js';
import { lineageSideCap } from '../../src/site/lineage.js';
import { meshCaps } from '../../src/site/mesh-view.js';
import { product } from '../catalog/helpers.js';
import { boxesOf, lineageCatalog, svgOf } from './lineage-fixtures.js';
import { brokenLinks, hrefsOf, squash } from './site-files.js';

// m/a → m/b → m/c: from a, b is one input port away and c two.
const chain = { 'm/a': [], 'm/b': ['m/a'], 'm/c': ['m/b'] };

describe('the lineage drawing of a product page', () => {
  it('draws the products within the chosen depth, each a link, with the product itself highlighted', () => {
    const shallow = svgOf(buildSite(lineageCatalog(chain), { lineageDepth: 1 }).get('products/m/a.html') as string);
    const deep = svgOf(buildSite(lineageCatalog(chain), { lineageDepth: 2 }).get('products/m/a.html') as string);
    expect(boxesOf(shallow)).toEqual([
      { kind: 'self', href: 'a.html', label: 'a (m/a)' },
      { kind: 'downstream', href: 'b.html', label: 'b (m/b)' },
    ]);
    expect(boxesOf(deep)).toEqual([
      { kind: 'self', href: 'a.html', label: 'a (m/a)' },
      { kind: 'downstream', href: 'b.html', label: 'b (m/b)' },
      { kind: 'downstream', href: 'c.html', label: 'c (m/c)' },
    ]);
    expect(deep).toContain('<a class="node self" href="a.html" aria-current="page"><title>a (m/a)</title>');
    const c = svgOf(buildSite(lineageCatalog(chain), { lineageDepth: 2 }).get('products/m/c.html') as string);
    expect(boxesOf(c).map((b) => [b.kind, b.href])).toEqual([
      ['self', 'c.html'],
      ['upstream', 'b.html'],
      ['upstream', 'a.html'],
    ]);
  });

  it('names the drawing, titles each edge with its port and input port, and lists the same products as text', () => {
    const page = squash(buildSite(lineageCatalog(chain), { lineageDepth: 2 }).get('products/m/b.html') as string);
    const svg = svgOf(page);
    expect(svg).toContain('aria-labelledby="lineage-title lineage-desc"');
    expect(svg).toContain('<title id="lineage-title">Lineage of b (m/b)</title>');
    expect(svg).toMatch(/<desc id="lineage-desc">1 upstream and 1 downstream product\(s\) within 2 input port\(s\)/);
    expect(svg).toMatch(
      /<path class="edge" d="M[\d ]+[^"]*" marker-end="url\(#lineage-arrow\)"><title>m\/a#a-v1 → m\/b \(input from-a\)<\/title>/,
    );
    expect(svg).toContain('<title>m/b#b-v1 → m/c (input from-b)</title>');
    const lists = page.slice(page.indexOf('</svg>'));
    expect(lists).toContain('<a href="a.html#port-a-v1">m/a#a-v1</a>');
    expect(lists).toContain('<a href="c.html">m/c</a>');
  });

  it('draws a product in a cycle once, upstream, with both edges', () => {
    const site = buildSite(lineageCatalog({ 'm/a': ['m/b'], 'm/b': ['m/a'] }));
    const svg = svgOf(site.get('products/m/a.html') as string);
    expect(boxesOf(svg).map((b) => [b.kind, b.href])).toEqual([
      ['self', 'a.html'],
      ['upstream', 'b.html'],
    ]);
    expect(svg).toContain('<title>m/a#a-v1 → m/b (input from-a)</title>');
    expect(svg).toContain('<title>m/b#b-v1 → m/a (input from-b)</title>');
    expect(brokenLinks(site)).toEqual([]);
  });

  it('draws no picture for a product without lineage', () => {
    const page = buildSite(lineageCatalog({ 'm/alone': [] })).get('products/m/alone.html') as string;
    expect(page).not.toContain('<svg');
    expect(squash(page)).toContain(
      '<h3 id="lineage-upstream">Upstream (this product reads)</h3><p class="muted">None declared.</p>',
    );
  });

  it('escapes titles in the drawing and truncates long ones, keeping the full text in <title>', () => {
    const hostile = '<script>alert(1)</script>" onmouseover="x';
    const long = 'A very long product title that cannot fit into one box';
    const catalog = lineageCatalog(chain, {
      'catalog/m/a/product.yaml': product('a', {
        title: hostile,
        outputPorts: [{ name: 'a-v1', topic: 'm.a.v1', value: { schema: 'schemas/value.avsc' }, writer: 'User:svc-a' }],
      }),
      'catalog/m/c/product.yaml': product('c', {
        title: long,
        outputPorts: [{ name: 'c-v1', topic: 'm.c.v1', value: { schema: 'schemas/value.avsc' }, writer: 'User:svc-c' }],
        inputPorts: [{ name: 'from-b', product: 'm/b', port: 'b-v1', principal: 'User:svc-c', consumerGroup: 'c' }],
      }),
    });
    const svg = svgOf(buildSite(catalog).get('products/m/b.html') as string);
    expect(svg).not.toMatch(/<script|onmouseover="/);
    expect(svg).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x (m/a)</title>');
    // Cut to 28 characters before escaping, so no entity is split.
    expect(truncate(hostile, 28)).toBe('<script>alert(1)</script>" …');
    expect(svg).toMatch(/<text class="label" x="\d+" y="\d+">&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot; …<\/text>/);
    expect(svg).toContain(`>${truncate(long, 28)}</text>`);
    expect(truncate(long, 28)).toBe('A very long product title t…');
    expect(svg).toContain(`<title>${long} (m/c)</title>`);
  });

  it('gives the same bytes for the same catalog, with whole-pixel coordinates', () => {
    const first = buildSite(lineageCatalog(chain));
    const second = buildSite(lineageCatalog(chain));
    expect([...second]).toEqual([...first]);
    const svg = svgOf(first.get('products/m/b.html') as string);
    const numbers = [...svg.matchAll(/ (?:x|y|width|height|d|viewBox)="([^"]*)"/g)].map((m) => m[1] as string);
    expect(numbers.length).toBeGreaterThan(10);
    for (const value of numbers) expect(value).toMatch(/^[MLQz\d -]*$/);
  });

  it(`draws at most ${lineageSideCap} products a side and says how many more, linking to the full list`, () => {
    const readers = Object.fromEntries(
      Array.from({ length: lineageSideCap + 7 }, (_, i) => [`m/r${String(i).padStart(2, '0')}`, ['m/hub']]),
    );
    const site = buildSite(lineageCatalog({ 'm/hub': [], ...readers }));
    const page = site.get('products/m/hub.html') as string;
    const boxes = boxesOf(svgOf(page));
    expect(boxes.filter((b) => b.kind === 'downstream')).toHaveLength(lineageSideCap);
    expect(boxes.filter((b) => b.kind === 'more')).toEqual([
      { kind: 'more', href: '#lineage-downstream', label: 'and 7 more downstream products' },
    ]);
    expect(squash(svgOf(page))).toContain('<text class="label" x="');
    expect(svgOf(page)).toContain('>and 7 more</text>');
    // The list under the drawing still names every reader.
    for (const id of Object.keys(readers)) expect(hrefsOf(page)).toContain(`${id.slice(2)}.html`);
    expect(brokenLinks(site)).toEqual([]);
  });
});

describe('the mesh view of a domain', () => {
  // Domain m holds m/a and, in subdomain m/s, m/s/b; x/in feeds m/a, x/out reads m/s/b, x/in → x/out directly too.
  const mesh = { 'x/in': [], 'm/a': ['x/in'], 'm/s/b': ['m/a'], 'x/out': ['m/s/b', 'x/in'] };

  it("draws the domain's products, its subdomains' included, and the outside products they touch, dashed", () => {
    const site = buildSite(lineageCatalog(mesh));
    const page = squash(site.get('domains/m.html') as string);
    const svg = svgOf(page);
    expect(boxesOf(svg)).toEqual([
      { kind: 'member', href: '../products/m/a.html', label: 'a (m/a)' },
      { kind: 'member', href: '../products/m/s/b.html', label: 'b (m/s/b)' },
      { kind: 'external', href: '../products/x/in.html', label: 'in (x/in)' },
      { kind: 'external', href: '../products/x/out.html', label: 'out (x/out)' },
    ]);
    expect(svg).toContain('<title>x/in#in-v1 → m/a (input from-in)</title>');
    expect(svg).toContain('<title>m/a#a-v1 → m/s/b (input from-a)</title>');
    expect(svg).toContain('<title>m/s/b#b-v1 → x/out (input from-b)</title>');
    // x/in → x/out is lineage between two outside products: not this domain's.
    expect(svg).not.toContain('x/in#in-v1 → x/out');
    expect(page).toContain('2 product(s) in m and its subdomains, with 1 lineage edge(s) among them');
    expect(page).toMatch(
      /<h3 id="mesh-reads-from">[^<]*<\/h3><ul><li><a href="\.\.\/products\/x\/in\.html">x\/in<\/a><span class="muted">read by<\/span><a href="\.\.\/products\/m\/a\.html">m\/a<\/a><\/li><\/ul>/,
    );
    expect(page).toMatch(
      /<h3 id="mesh-read-by">[^<]*<\/h3><ul><li><a href="\.\.\/products\/x\/out\.html">x\/out<\/a><span class="muted">reads<\/span><a href="\.\.\/products\/m\/s\/b\.html">m\/s\/b<\/a><\/li><\/ul>/,
    );
    const sub = boxesOf(svgOf(site.get('domains/m/s.html') as string));
    expect(sub.map((b) => [b.kind, b.label])).toEqual([
      ['member', 'b (m/s/b)'],
      ['external', 'a (m/a)'],
      ['external', 'out (x/out)'],
    ]);
    expect(brokenLinks(site)).toEqual([]);
  });

  it('caps a big domain: the best-connected products, and "and N more" boxes linking to the complete lists', () => {
    const last = `m/p${meshCaps.members + 4}`;
    const members = Array.from({ length: meshCaps.members + 5 }, (_, i) => `m/p${String(i).padStart(2, '0')}`);
    const readers = Array.from({ length: meshCaps.external + 3 }, (_, i) => [
      `x/r${String(i).padStart(2, '0')}`,
      [last],
    ]);
    const site = buildSite(
      lineageCatalog({ ...Object.fromEntries(members.map((id) => [id, []])), ...Object.fromEntries(readers) }),
    );
    const page = site.get('domains/m.html') as string;
    const boxes = boxesOf(svgOf(page));
    expect(boxes.filter((b) => b.kind === 'member')).toHaveLength(meshCaps.members);
    // The last product is the only one with edges, so it is drawn although it sorts last.
    expect(boxes).toContainEqual({
      kind: 'member',
      href: `../products/${last}.html`,
      label: `${last.slice(2)} (${last})`,
    });
    expect(boxes.filter((b) => b.kind === 'external')).toHaveLength(meshCaps.external);
    expect(boxes.filter((b) => b.kind === 'more')).toEqual([
      { kind: 'more', href: '#mesh-inside', label: 'and 5 more products in this domain' },
      { kind: 'more', href: '#mesh-read-by', label: 'and 3 more readers outside the domain' },
    ]);
    expect(svgOf(page)).toMatch(
      /<path class="edge dashed" d="[^"]*" marker-end="url\(#mesh-arrow\)"><title>and 3 more readers/,
    );
    for (const [id] of readers) expect(page).toContain(`>${id}</a>`);
    expect(brokenLinks(site)).toEqual([]);
  });
});

describe('layout', () => {
  it('keeps every box and bend inside the picture', () => {
    const layout = layoutLineage({
      nodes: ['a', 'b', 'c', 'd'].map((key) => ({ key, label: key, title: key, href: '#', kind: 'member' })),
      links: [
        { from: 'a', to: 'b', titles: [] },
        { from: 'b', to: 'c', titles: [] },
        { from: 'c', to: 'd', titles: [] },
        { from: 'a', to: 'd', titles: [] },
      ],
    });
    for (const n of layout.nodes) {
      expect(n.x - n.width / 2).toBeGreaterThanOrEqual(0);
      expect(n.y + n.height / 2).toBeLessThanOrEqual(layout.height);
    }
    for (const { points } of layout.links)
      for (const [x, y] of points) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(layout.width);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(layout.height);
      }
    // Left to right: each producer left of its reader.
    const x = new Map(layout.nodes.map((n) => [n.node.key, n.x]));
    expect((x.get('a') as number) < (x.get('b') as number) && (x.get('c') as number) < (x.get('d') as number)).toBe(
      true,
    );
  });

  it('lays out each shape once per cache, and a cached layout is the one dagre gives', () => {
    const graph = (names: string[]) => ({
      nodes: names.map((key) => ({ key, label: key, title: key, href: '#', kind: 'member' as const })),
      links: [
        { from: names[0] as string, to: names[1] as string, titles: [] },
        { from: names[0] as string, to: names[2] as string, titles: [] },
      ],
    });
    const cache = new Map();
    const first = layoutLineage(graph(['a', 'b', 'c']), cache);
    const second = layoutLineage(graph(['x', 'y', 'z']), cache);
    expect(cache.size).toBe(1);
    expect(second.nodes.map((n) => [n.x, n.y])).toEqual(first.nodes.map((n) => [n.x, n.y]));
    expect(second).toEqual(layoutLineage(graph(['x', 'y', 'z'])));
    layoutLineage(graph(['a long name', 'b', 'c']), cache);
    expect(cache.size).toBe(2);
  });

  it('stacks the boxes of a rank top down in the order given', () => {
    const keys = ['r1', 'r2', 'r3', 'r4', 'r5'];
    const layout = layoutLineage({
      nodes: ['hub', ...keys].map((key) => ({ key, label: key, title: key, href: '#', kind: 'member' as const })),
      links: keys.map((to) => ({ from: 'hub', to, titles: [] })),
    });
    const ys = layout.nodes.slice(1).map((n) => n.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(new Set(ys).size).toBe(keys.length);
  });

  it('draws an edge as a curve around its bends, ending straight', () => {
    expect(
      edgePath([
        [0, 0],
        [10, 0],
        [20, 10],
        [30, 10],
      ]),
    ).toBe('M0 0 Q10 0 15 5 Q20 10 25 10 L30 10');
    expect(
      edgePath([
        [0, 0],
        [5, 5],
      ]),
    ).toBe('M0 0 L5 5');
  });
});

describe('brokenLinks', () => {
  it('follows the links inside a drawing', () => {
    const site = buildSite(lineageCatalog(chain));
    const page = site.get('products/m/a.html') as string;
    const box = '<a class="node downstream" href="b.html"';
    expect(page).toContain(box);
    const tampered = new Map(site).set('products/m/a.html', page.replace(box, box.replace('b.html', 'nowhere.html')));
    expect(brokenLinks(tampered)).toEqual(['products/m/a.html → nowhere.html']);
  });
});

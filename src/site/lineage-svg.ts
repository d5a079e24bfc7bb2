import dagre from '@dagrejs/dagre';
import { html, type Html } from './html.js';
import type { Linker } from './links.js';
import type { LineageEdge, SiteModel } from './model.js';
import { sitePaths } from './paths.js';

/**
 * Lineage drawn at build time: a graph of products (boxes, each a link to its page) and input-port edges, laid out
 * left to right by dagre (producers left of their readers) and written as inline SVG. No script, nothing fetched:
 * the page shows the same picture from file:// as from a host, and the same catalog always gives the same bytes.
 */

/** What a box stands for; the stylesheet draws each kind its own way. */
export type LineageNodeKind = 'self' | 'upstream' | 'downstream' | 'member' | 'external' | 'more';

export interface LineageNode {
  /** Unique in its graph: a product id, or a placeholder's own key. */
  readonly key: string;
  /** The box's first line (a product's title), truncated to fit. */
  readonly label: string;
  /** A smaller second line (the product id), truncated to fit. */
  readonly detail?: string;
  /** The full text, never truncated: the link's accessible name and tooltip. */
  readonly title: string;
  /** Relative to the page the graph is drawn on. */
  readonly href: string;
  readonly kind: LineageNodeKind;
}

/** A drawn edge, `from` (producer) → `to` (reader): one per pair of boxes, however many input ports it stands for. */
export interface LineageLink {
  readonly from: string;
  readonly to: string;
  /** One line per input port, e.g. `commerce/orders#orders-v1 → finance/invoices (input orders-in)`. */
  readonly titles: readonly string[];
  /** Edges to an "and N more" box are dashed. */
  readonly dashed?: boolean;
}

export interface LineageGraph {
  readonly nodes: readonly LineageNode[];
  readonly links: readonly LineageLink[];
}

export interface PlacedNode {
  readonly node: LineageNode;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface LineageLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  readonly links: readonly { readonly link: LineageLink; readonly points: readonly (readonly [number, number])[] }[];
}

/** Characters a box shows before it truncates (the full text stays in its `<title>`). */
export const labelChars = 28;
export const detailChars = 34;
/** Widths per character of the label (13px sans-serif, generous) and the detail (11px monospace, exact). */
const labelCharWidth = 7.6;
const detailCharWidth = 6.6;
const padding = 10;

/** `text` cut to `max` characters (code points, so no emoji is split), ending in `…` when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function boxSize(node: LineageNode): { width: number; height: number } {
  const label = Array.from(node.label).length * labelCharWidth;
  const detail = node.detail === undefined ? 0 : Array.from(node.detail).length * detailCharWidth;
  return { width: Math.max(80, Math.ceil(Math.max(label, detail)) + 2 * padding), height: node.detail ? 42 : 28 };
}

type Point = readonly [number, number];

/** A placed shape: box centres by index, one route per edge, the picture's size; moved inside it and rounded. */
interface Placement {
  readonly width: number;
  readonly height: number;
  readonly centres: readonly Point[];
  readonly routes: readonly (readonly Point[])[];
}

/**
 * Layouts already computed, by shape (box sizes in order, edges by index): dagre sees nothing else, so an equal
 * shape gets an equal layout, and a mesh whose pages repeat a few shapes (a chain, a star) lays each out once.
 */
export type LayoutCache = Map<string, Placement>;
const maxCached = 5000;
const caches = new WeakMap<object, LayoutCache>();

/** The cache that lives as long as `owner` (a build's SiteModel), so one build shares it and nothing outlives it. */
export function layoutCacheOf(owner: object): LayoutCache {
  const known = caches.get(owner);
  if (known) return known;
  const cache: LayoutCache = new Map();
  caches.set(owner, cache);
  return cache;
}

/**
 * Places the graph: dagre, left to right, nodes and edges added in the order given (callers sort them), every
 * coordinate rounded to a whole pixel so the output does not depend on floating-point noise.
 */
export function layoutLineage(graph: LineageGraph, cache?: LayoutCache): LineageLayout {
  const index = new Map(graph.nodes.map((node, i) => [node.key, i]));
  const links = graph.links.filter((l) => index.has(l.from) && index.has(l.to) && l.from !== l.to);
  const sizes = graph.nodes.map(boxSize);
  const edges = links.map((l) => [index.get(l.from), index.get(l.to)] as [number, number]);
  const key = `${sizes.map((s) => `${s.width}x${s.height}`).join(',')}|${edges.map(([a, b]) => `${a}>${b}`).join(',')}`;
  let placement = cache?.get(key);
  if (!placement) {
    placement = place(sizes, edges);
    if (cache && cache.size < maxCached) cache.set(key, placement);
  }
  const { centres, routes } = placement;
  return {
    width: placement.width,
    height: placement.height,
    nodes: graph.nodes.map((node, i) => {
      const [x, y] = centres[i] as Point;
      return { node, x, y, ...(sizes[i] as { width: number; height: number }) };
    }),
    links: links.map((link, i) => ({ link, points: routes[i] ?? [] })),
  };
}

function place(sizes: readonly { width: number; height: number }[], edges: readonly [number, number][]): Placement {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 56, edgesep: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  // dagre stacks a rank's boxes in the reverse of the order it met them: added last first, they read top down.
  for (let i = sizes.length - 1; i >= 0; i--) g.setNode(`n${i}`, { ...sizes[i] });
  for (const [from, to] of [...edges].reverse()) g.setEdge(`n${from}`, `n${to}`);
  dagre.layout(g);
  const centres = sizes.map((_, i): Point => {
    const placed = g.node(`n${i}`);
    return [placed.x ?? 0, placed.y ?? 0];
  });
  const routes = edges.map(([from, to]) =>
    (g.edge(`n${from}`, `n${to}`).points ?? []).map((p: { x: number; y: number }): Point => [p.x, p.y]),
  );
  return fitted(sizes, centres, routes);
}

const margin = 4;

/**
 * The layout moved so that every box and every edge bend (dagre's graph size leaves out the bends of long edges)
 * lies `margin` inside the picture, each coordinate rounded to a whole pixel.
 */
function fitted(
  sizes: readonly { width: number; height: number }[],
  centres: readonly Point[],
  routes: readonly (readonly Point[])[],
): Placement {
  const xs: number[] = [];
  const ys: number[] = [];
  centres.forEach(([x, y], i) => {
    const { width, height } = sizes[i] as { width: number; height: number };
    xs.push(x - width / 2, x + width / 2);
    ys.push(y - height / 2, y + height / 2);
  });
  for (const [x, y] of routes.flat()) {
    xs.push(x);
    ys.push(y);
  }
  const dx = margin - Math.min(...xs);
  const dy = margin - Math.min(...ys);
  const moved = ([x, y]: Point): Point => [Math.round(x + dx), Math.round(y + dy)];
  return {
    width: Math.ceil(Math.max(...xs) + dx + margin),
    height: Math.ceil(Math.max(...ys) + dy + margin),
    centres: centres.map(moved),
    routes: routes.map((route) => route.map(moved)),
  };
}

/**
 * An edge through its bends as one smooth curve: from the start, a quadratic curve around each bend to the middle
 * of the segment after it, then straight to the end, so the arrowhead points along the last segment.
 */
export function edgePath(points: readonly (readonly [number, number])[]): string {
  const parts = points.slice(0, 1).map(([x, y]) => `M${x} ${y}`);
  for (let i = 1; i < points.length - 1; i++) {
    const [bx, by] = points[i] as readonly [number, number];
    const [nx, ny] = points[i + 1] as readonly [number, number];
    parts.push(`Q${bx} ${by} ${Math.round((bx + nx) / 2)} ${Math.round((by + ny) / 2)}`);
  }
  const last = points.length > 1 ? points[points.length - 1] : undefined;
  if (last) parts.push(`L${last[0]} ${last[1]}`);
  return parts.join(' ');
}

/** What the picture is, for screen readers: `id` prefixes the ids inside the SVG (unique on its page). */
export interface SvgText {
  readonly id: string;
  readonly title: string;
  readonly description: string;
}

/**
 * The graph as inline SVG, every string through `html`. Not `role="img"`: that would hide the links inside from
 * assistive technology; the `<title>` and `<desc>` name the drawing, and each box is a link named by its own
 * `<title>` (no `aria-label`, which would have to repeat the visible, truncated text word for word).
 */
export function renderLineageSvg(graph: LineageGraph, text: SvgText, cache?: LayoutCache): Html {
  const layout = layoutLineage(graph, cache);
  const arrow = `${text.id}-arrow`;
  const edges = layout.links.map(({ link, points }) => {
    return html`<path
      class="${link.dashed ? 'edge dashed' : 'edge'}"
      d="${edgePath(points)}"
      marker-end="url(#${arrow})"
    >
      <title>${link.titles.join('\n')}</title>
    </path>`;
  });
  const nodes = layout.nodes.map(renderNode);
  return html`<svg
    class="lineage"
    xmlns="http://www.w3.org/2000/svg"
    width="${layout.width}"
    height="${layout.height}"
    viewBox="0 0 ${layout.width} ${layout.height}"
    aria-labelledby="${text.id}-title ${text.id}-desc"
  >
    <title id="${text.id}-title">${text.title}</title>
    <desc id="${text.id}-desc">${text.description}</desc>
    <defs>
      <marker id="${arrow}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto">
        <path d="M0 0L10 5L0 10z" />
      </marker>
    </defs>
    <g class="edges">${edges}</g>
    <g class="nodes">${nodes}</g>
  </svg>`;
}

function renderNode({ node, x, y, width, height }: PlacedNode): Html {
  const left = x - width / 2;
  const top = y - height / 2;
  const current = node.kind === 'self' ? html`aria-current="page"` : '';
  const lines =
    node.detail === undefined
      ? html`<text class="label" x="${x}" y="${y + 4}">${node.label}</text>`
      : html`<text class="label" x="${x}" y="${y - 3}">${node.label}</text>
          <text class="detail" x="${x}" y="${y + 13}">${node.detail}</text>`;
  return html`<a class="node ${node.kind}" href="${node.href}" ${current}>
    <title>${node.title}</title>
    <rect x="${Math.round(left)}" y="${Math.round(top)}" width="${width}" height="${height}" rx="6" />
    ${lines}
  </a>`;
}

/** A product as a box: its title over its id, linking to its page. Undefined for an id the catalog lacks. */
export function productNode(
  model: SiteModel,
  id: string,
  kind: LineageNodeKind,
  links: Linker,
): LineageNode | undefined {
  const product = model.catalog.products.get(id);
  if (!product) return undefined;
  const title = product.manifest.title ?? product.manifest.name;
  return {
    key: id,
    label: truncate(title, labelChars),
    detail: truncate(id, detailChars),
    title: title === id ? id : `${title} (${id})`,
    href: links.href(sitePaths.product(id)),
    kind,
  };
}

/** A dashed "and N more" box standing for what the cap left out, linking to the list that has it all. */
export function moreNode(key: string, hidden: number, what: string, href: string): LineageNode {
  return { key, label: `and ${hidden} more`, detail: what, title: `and ${hidden} more ${what}`, href, kind: 'more' };
}

/** The input-port edges between the given products, one drawn link per producer → reader pair, sorted. */
export function linksAmong(model: SiteModel, shown: ReadonlySet<string>): LineageLink[] {
  const byPair = new Map<string, { from: string; to: string; titles: string[] }>();
  for (const id of [...shown].sort())
    for (const edge of model.upstream.get(id) ?? []) {
      if (!shown.has(edge.producer)) continue;
      const key = `${edge.producer}\u0000${edge.consumer}`;
      const link = byPair.get(key) ?? { from: edge.producer, to: edge.consumer, titles: [] };
      link.titles.push(edgeTitle(edge));
      byPair.set(key, link);
    }
  return [...byPair.values()];
}

export function edgeTitle(edge: LineageEdge): string {
  return `${edge.producer}#${edge.port} → ${edge.consumer} (input ${edge.input})`;
}

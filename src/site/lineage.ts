import type { Product } from '../catalog/model.js';
import { html, type Html } from './html.js';
import { listOf, type Linker } from './links.js';
import {
  linksAmong,
  moreNode,
  productNode,
  layoutCacheOf,
  renderLineageSvg,
  type LineageGraph,
  type LineageLink,
  type LineageNode,
} from './lineage-svg.js';
import type { LineageEdge, SiteModel } from './model.js';

/** At most this many products drawn on either side of a product; the lists under the drawing have them all. */
export const lineageSideCap = 40;

/** Where the lists of a product page's lineage start: the "and N more" boxes link here. */
export const lineageAnchors = { upstream: 'lineage-upstream', downstream: 'lineage-downstream' } as const;

/**
 * The products 1 to `steps` input ports away from `start`, one sorted list per step (index 0 is one step away),
 * each holding only products not met nearer (nor `start`): a cycle or a diamond lists a product once, at its
 * shortest distance. Breadth-first, so the cost follows the edges within reach, not the mesh.
 */
export function lineageLevels(
  start: string,
  edgesOf: ReadonlyMap<string, readonly LineageEdge[]>,
  next: (edge: LineageEdge) => string,
  steps: number,
): string[][] {
  const seen = new Set<string>([start]);
  let frontier = [start];
  const levels: string[][] = [];
  for (let step = 1; step <= steps && frontier.length > 0; step++) {
    const level = new Set<string>();
    for (const id of frontier)
      for (const edge of edgesOf.get(id) ?? []) {
        const other = next(edge);
        if (!seen.has(other)) level.add(other);
      }
    for (const id of level) seen.add(id);
    frontier = [...level].sort();
    if (frontier.length > 0) levels.push(frontier);
  }
  return levels;
}

/** A product's lineage: the drawing, then the ports it reads and the products reading it, then those further away. */
export function renderLineage(model: SiteModel, product: Product, links: Linker): Html {
  const depth = model.lineageDepth;
  const upLevels = lineageLevels(product.id, model.upstream, (e) => e.producer, depth);
  const downLevels = lineageLevels(product.id, model.downstream, (e) => e.consumer, depth);
  const up = (model.upstream.get(product.id) ?? []).map(
    (e) =>
      html`<li>
        ${links.product(e.producer, e.port)} <span class="muted">(input port <code>${e.input}</code>)</span>
      </li>`,
  );
  const down = (model.downstream.get(product.id) ?? []).map(
    (e) =>
      html`<li>
        ${links.product(e.consumer)} <span class="muted">reads <code>${e.port}</code></span>
      </li>`,
  );
  return html`${lineageDrawing(model, product, links, upLevels, downLevels)}
    <h3 id="${lineageAnchors.upstream}">Upstream (this product reads)</h3>
    ${list(up)} ${further(upLevels.slice(1), links)}
    <h3 id="${lineageAnchors.downstream}">Downstream (reads this product)</h3>
    ${list(down)} ${further(downLevels.slice(1), links)}`;
}

function list(items: readonly Html[]): Html {
  return items.length === 0
    ? html`<p class="muted">None declared.</p>`
    : html`<ul>
        ${items}
      </ul>`;
}

function further(levels: readonly string[][], links: Linker): Html {
  if (levels.length === 0) return html``;
  const items = levels.map(
    (ids, i) => html`<li>${i + 2} steps away: ${listOf(ids.map((id) => links.product(id)))}</li>`,
  );
  return html`<ul class="further">
    ${items}
  </ul>`;
}

function lineageDrawing(
  model: SiteModel,
  product: Product,
  links: Linker,
  upLevels: readonly string[][],
  downLevels: readonly string[][],
): Html {
  if (upLevels.length === 0 && downLevels.length === 0) return html``;
  const graph = productLineageGraph(model, product, links, upLevels, downLevels);
  const count = (levels: readonly string[][]) => levels.reduce((n, level) => n + level.length, 0);
  const title = product.manifest.title ?? product.manifest.name;
  return html`<figure class="lineage">
    ${renderLineageSvg(
      graph,
      {
        id: 'lineage',
        title: `Lineage of ${title} (${product.id})`,
        description: `${count(upLevels)} upstream and ${count(downLevels)} downstream product(s) within ${model.lineageDepth} input port(s); products it reads from are on the left, products reading it on the right. The lists below name them all.`,
      },
      layoutCacheOf(model),
    )}
  </figure>`;
}

/**
 * The drawing's graph: the product, then up to `lineageSideCap` products on each side, nearest first (a product
 * both upstream and downstream, in a cycle, is drawn once, upstream), with every input-port edge among them and an
 * "and N more" box per side for the rest.
 */
export function productLineageGraph(
  model: SiteModel,
  product: Product,
  links: Linker,
  upLevels: readonly string[][],
  downLevels: readonly string[][],
  cap: number = lineageSideCap,
): LineageGraph {
  const self = productNode(model, product.id, 'self', links) as LineageNode;
  const upIds = upLevels.flat();
  const upSet = new Set(upIds);
  const downIds = downLevels.flat().filter((id) => !upSet.has(id));
  const side = (ids: readonly string[], kind: 'upstream' | 'downstream') =>
    ids.slice(0, cap).flatMap((id) => productNode(model, id, kind, links) ?? []);
  const nodes: LineageNode[] = [self, ...side(upIds, 'upstream'), ...side(downIds, 'downstream')];
  const edges: LineageLink[] = linksAmong(model, new Set(nodes.map((n) => n.key)));
  const more = (ids: readonly string[], kind: 'upstream' | 'downstream') => {
    if (ids.length <= cap) return;
    const node = moreNode(`more-${kind}`, ids.length - cap, `${kind} products`, `#${lineageAnchors[kind]}`);
    nodes.push(node);
    const [from, to] = kind === 'upstream' ? [node.key, self.key] : [self.key, node.key];
    edges.push({ from, to, titles: [node.title], dashed: true });
  };
  more(upIds, 'upstream');
  more(downIds, 'downstream');
  return { nodes, links: edges };
}

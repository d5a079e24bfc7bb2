import type { Product } from '../catalog/model.js';
import { html, type Html } from './html.js';
import { listOf, type Linker } from './links.js';
import type { LineageEdge, SiteModel } from './model.js';

/**
 * The products `steps` input ports away from `start`, one list per step beyond the first (index 0 is two steps
 * away), each sorted and holding only products not met nearer (nor `start`): a cycle or a diamond lists a product
 * once, at its shortest distance. Breadth-first, so the cost follows the edges within reach, not the mesh.
 */
export function furtherLineage(
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
    if (step > 1 && frontier.length > 0) levels.push(frontier);
  }
  return levels;
}

/** A product's lineage: the ports it reads and the products reading it, then the products further away. */
export function renderLineage(model: SiteModel, product: Product, links: Linker): Html {
  const upstream = model.upstream.get(product.id) ?? [];
  const downstream = model.downstream.get(product.id) ?? [];
  const up = upstream.map(
    (e) =>
      html`<li>
        ${links.product(e.producer, e.port)} <span class="muted">(input port <code>${e.input}</code>)</span>
      </li>`,
  );
  const down = downstream.map(
    (e) =>
      html`<li>
        ${links.product(e.consumer)} <span class="muted">reads <code>${e.port}</code></span>
      </li>`,
  );
  const depth = model.lineageDepth;
  const furtherUp = furtherLineage(product.id, model.upstream, (e) => e.producer, depth);
  const furtherDown = furtherLineage(product.id, model.downstream, (e) => e.consumer, depth);
  return html`<h3>Upstream (this product reads)</h3>
    ${
      up.length === 0
        ? html`<p class="muted">None declared.</p>`
        : html`<ul>
            ${up}
          </ul>`
    }
    ${further(furtherUp, links)}
    <h3>Downstream (reads this product)</h3>
    ${
      down.length === 0
        ? html`<p class="muted">None declared.</p>`
        : html`<ul>
            ${down}
          </ul>`
    }
    ${further(furtherDown, links)}`;
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

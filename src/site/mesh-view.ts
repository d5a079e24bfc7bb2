import type { Domain } from '../catalog/model.js';
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

/** At most this many of a domain's own products drawn, and this many outside products on either side. */
export const meshCaps = { members: 30, external: 12 } as const;

/** The lists under a domain's drawing; its "and N more" boxes link to them. */
export const meshAnchors = { inside: 'mesh-inside', readsFrom: 'mesh-reads-from', readBy: 'mesh-read-by' } as const;

/** A domain's products (its subdomains' included) and the lineage edges that touch them, split by where they run. */
export interface DomainMesh {
  readonly members: readonly string[];
  readonly inside: readonly LineageEdge[];
  /** Edges from a product outside the domain to one inside, and from inside to outside. */
  readonly incoming: readonly LineageEdge[];
  readonly outgoing: readonly LineageEdge[];
}

export function domainMesh(model: SiteModel, domain: Domain): DomainMesh {
  const members = model.products
    .filter((p) => p.domainId === domain.id || p.domainId.startsWith(`${domain.id}/`))
    .map((p) => p.id);
  const own = new Set(members);
  const inside: LineageEdge[] = [];
  const incoming: LineageEdge[] = [];
  const outgoing: LineageEdge[] = [];
  for (const id of members) {
    for (const edge of model.upstream.get(id) ?? []) (own.has(edge.producer) ? inside : incoming).push(edge);
    for (const edge of model.downstream.get(id) ?? []) if (!own.has(edge.consumer)) outgoing.push(edge);
  }
  return { members, inside, incoming, outgoing };
}

/**
 * A domain's mesh view: a drawing of its products, the edges among them and the outside products they read from
 * or are read by (dashed boxes), then the same as lists. Big domains are capped: the best-connected products are
 * drawn, and "and N more" boxes link to the lists, which are complete.
 */
export function renderMeshView(model: SiteModel, domain: Domain, links: Linker): Html {
  const mesh = domainMesh(model, domain);
  const sources = groupBy(
    mesh.incoming,
    (e) => e.producer,
    (e) => e.consumer,
  );
  const readers = groupBy(
    mesh.outgoing,
    (e) => e.consumer,
    (e) => e.producer,
  );
  const title = domain.manifest.title ?? domain.manifest.name;
  const summary = `${mesh.members.length} product(s) in ${domain.id} and its subdomains, with ${mesh.inside.length} lineage edge(s) among them; they read from ${sources.size} product(s) outside the domain, and ${readers.size} outside product(s) read them.`;
  const drawing =
    mesh.members.length === 0
      ? ''
      : html`<figure class="lineage">
          ${renderLineageSvg(
            meshGraph(model, mesh, links),
            {
              id: 'mesh',
              title: `Mesh view of ${title} (${domain.id})`,
              description: `${summary} Dashed boxes are outside the domain. The lists below name them all.`,
            },
            layoutCacheOf(model),
          )}
        </figure>`;
  return html`<h2 id="mesh">Mesh view</h2>
    <p>${summary}</p>
    ${drawing} ${meshLists(mesh, sources, readers, links)}`;
}

/** The drawing as text, complete however big the domain: what it reads from outside, who reads it, and within. */
function meshLists(
  mesh: DomainMesh,
  sources: ReadonlyMap<string, string[]>,
  readers: ReadonlyMap<string, string[]>,
  links: Linker,
): Html {
  const outside = (groups: ReadonlyMap<string, string[]>, verb: string) =>
    list(
      [...groups].map(
        ([id, members]) =>
          html`<li>
            ${links.product(id)} <span class="muted">${verb}</span> ${listOf(members.map((m) => links.product(m)))}
          </li>`,
      ),
    );
  const inside = mesh.inside.map(
    (e) =>
      html`<li>
        ${links.product(e.producer, e.port)} → ${links.product(e.consumer)}
        <span class="muted">(input port <code>${e.input}</code>)</span>
      </li>`,
  );
  return html`<h3 id="${meshAnchors.readsFrom}">Read from outside the domain</h3>
    ${outside(sources, 'read by')}
    <h3 id="${meshAnchors.readBy}">Read by products outside the domain</h3>
    ${outside(readers, 'reads')}
    <h3 id="${meshAnchors.inside}">Lineage inside the domain</h3>
    ${list(inside)}`;
}

function list(items: readonly Html[]): Html {
  return items.length === 0
    ? html`<p class="muted">None.</p>`
    : html`<ul>
        ${items}
      </ul>`;
}

/** `key(edge)` → the sorted, distinct `value(edge)`s, keys sorted. */
function groupBy(
  edges: readonly LineageEdge[],
  key: (e: LineageEdge) => string,
  value: (e: LineageEdge) => string,
): Map<string, string[]> {
  const groups = new Map<string, Set<string>>();
  for (const edge of edges) groups.set(key(edge), (groups.get(key(edge)) ?? new Set()).add(value(edge)));
  return new Map([...groups.keys()].sort().map((k) => [k, [...(groups.get(k) ?? [])].sort()]));
}

/** The best-connected first (most edges, then id), at most `cap` of them, and the rest. */
function pick(counts: ReadonlyMap<string, number>, cap: number): { shown: string[]; hidden: string[] } {
  const ranked = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).map(([id]) => id);
  return { shown: ranked.slice(0, cap), hidden: ranked.slice(cap) };
}

function countBy(ids: Iterable<string>, counts = new Map<string, number>()): Map<string, number> {
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/**
 * The outside products on one side of the drawn members: the best-connected to them, and, for the rest, the drawn
 * members they touch (the "and N more" box is linked to those). One touching only hidden members is left out.
 */
function pickOutside(
  edges: readonly LineageEdge[],
  outside: (e: LineageEdge) => string,
  inside: (e: LineageEdge) => string,
  drawn: ReadonlySet<string>,
) {
  const reaching = edges.filter((e) => drawn.has(inside(e)));
  const { shown, hidden } = pick(countBy(reaching.map(outside)), meshCaps.external);
  const left = new Set(hidden);
  const touched = [...new Set(reaching.filter((e) => left.has(outside(e))).map(inside))].sort();
  return { shown, hidden, touched };
}

function meshGraph(model: SiteModel, mesh: DomainMesh, links: Linker): LineageGraph {
  const degrees = countBy(
    [
      ...mesh.inside.flatMap((e) => [e.producer, e.consumer]),
      ...mesh.incoming.map((e) => e.consumer),
      ...mesh.outgoing.map((e) => e.producer),
    ],
    new Map(mesh.members.map((id) => [id, 0])),
  );
  const members = pick(degrees, meshCaps.members);
  const drawn = new Set(members.shown);
  const sources = pickOutside(
    mesh.incoming,
    (e) => e.producer,
    (e) => e.consumer,
    drawn,
  );
  const readers = pickOutside(
    mesh.outgoing,
    (e) => e.consumer,
    (e) => e.producer,
    drawn,
  );
  const node = (id: string, kind: 'member' | 'external') => productNode(model, id, kind, links) ?? [];
  const nodes: LineageNode[] = [
    ...members.shown.sort().flatMap((id) => node(id, 'member')),
    ...[...new Set([...sources.shown, ...readers.shown])].sort().flatMap((id) => node(id, 'external')),
  ];
  // Edges between two outside products are theirs, not this domain's: left out.
  const edges: LineageLink[] = linksAmong(model, new Set(nodes.map((n) => n.key))).filter(
    (l) => drawn.has(l.from) || drawn.has(l.to),
  );
  if (members.hidden.length > 0)
    nodes.push(moreNode('more-members', members.hidden.length, 'products in this domain', `#${meshAnchors.inside}`));
  const more = (side: typeof sources, key: string, what: string, anchor: string, toMore: boolean) => {
    if (side.hidden.length === 0) return;
    const box = moreNode(key, side.hidden.length, what, `#${anchor}`);
    nodes.push(box);
    for (const id of side.touched)
      edges.push({ from: toMore ? id : key, to: toMore ? key : id, titles: [box.title], dashed: true });
  };
  more(sources, 'more-sources', 'sources outside the domain', meshAnchors.readsFrom, false);
  more(readers, 'more-readers', 'readers outside the domain', meshAnchors.readBy, true);
  return { nodes, links: edges };
}

import type { Catalog } from '../catalog/model.js';
import { html, type Html } from './html.js';
import { portAnchor, relativeHref, sitePaths } from './paths.js';

/** Links from one page to the others: each knows the page it is written on, so every href is relative. */
export interface Linker {
  readonly from: string;
  product(id: string, port?: string): Html;
  /** A link to a domain's page, showing its id unless `label` says otherwise. */
  domain(id: string, label?: string): Html;
  owner(party: string): Html;
  /** A `product#port` reference or a bare product id, as replacements and input ports write them. */
  reference(ref: string): Html;
  href(to: string): string;
}

export function linker(catalog: Catalog, from: string): Linker {
  const href = (to: string) => relativeHref(from, to);
  const product = (id: string, port?: string): Html => {
    const label = port === undefined ? id : `${id}#${port}`;
    const known = catalog.products.get(id);
    if (!known) return html`<code>${label}</code> <span class="muted">(not in the catalog)</span>`;
    // A port the product does not (or no longer) declares links to the product's page.
    const declared = port !== undefined && known.manifest.outputPorts?.some((p) => p.name === port);
    const target = sitePaths.product(id) + (declared === true && port !== undefined ? `#${portAnchor(port)}` : '');
    return html`<a href="${href(target)}">${label}</a>`;
  };
  return {
    from,
    href,
    product,
    domain: (id, label = id) =>
      catalog.domains.has(id) ? html`<a href="${href(sitePaths.domain(id))}">${label}</a>` : html`<code>${id}</code>`,
    owner: (party) => html`<a href="${href(sitePaths.owner(party))}">${party}</a>`,
    reference: (ref) => {
      const hash = ref.indexOf('#');
      return hash === -1 ? product(ref) : product(ref.slice(0, hash), ref.slice(hash + 1));
    },
  };
}

/** The domains above and including `domainId` that the catalog knows, outermost first, each a link by its name. */
export function domainPath(catalog: Catalog, domainId: string, links: Linker): Html {
  const segments = domainId.split('/');
  const prefixes = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
  const known = prefixes.filter((id) => catalog.domains.has(id));
  return html`${known.map((id, i) => html`${i > 0 ? ' / ' : ''}${links.domain(id, catalog.domains.get(id)?.manifest.name)}`)}`;
}

/** A comma-separated list, or a muted dash when empty. */
export function listOf(items: readonly Html[]): Html {
  if (items.length === 0) return html`<span class="muted">—</span>`;
  return html`${items.map((item, i) => html`${i > 0 ? ', ' : ''}${item}`)}`;
}

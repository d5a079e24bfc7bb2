import type { Product } from '../catalog/model.js';
import { accessApprovers, type Requirement } from '../policy/requirements.js';
import { html, type Html } from './html.js';
import {
  draftInputPort,
  inputPortSnippet,
  newConsumerManifest,
  newFileUrl,
  requestAccessCommand,
} from './input-port-draft.js';
import type { Linker } from './links.js';
import type { PortView, SiteModel } from './model.js';

/**
 * A port's "Request access": (a) a link that opens GitHub's editor with a new consumer product that reads the port,
 * to commit as a pull request — when the site knows its repository; (b) for an existing consumer, the input-port
 * snippet and the `steward request-access` command that adds it (a URL cannot carry an edit of a file); (c) whose
 * approval that pull request needs, from the requirement functions the App judges pull requests with.
 */
export function renderRequestAccess(model: SiteModel, product: Product, view: PortView, links: Linker): Html {
  const port = view.manifest;
  const deprecated =
    port.deprecation ?? (product.manifest.status === 'deprecated' ? product.manifest.deprecation : undefined);
  if (deprecated || product.manifest.status === 'deprecated')
    return html`<details class="request-access">
      <summary>Request access</summary>
      <p>
        This ${port.deprecation ? 'port' : 'product'} is deprecated: a new input port on it is refused
        (<code>NO_INPUTS_ON_DEPRECATED</code>).${deprecated?.replacement ? html` Read ${links.reference(deprecated.replacement)} instead.` : ''}
      </p>
    </details>`;
  const draft = newConsumerManifest(product, port, (id) => model.catalog.products.has(id));
  const url = model.repository === undefined ? undefined : newFileUrl(model.repository, draft.path, draft.text);
  const newId = draft.path.replace(/^catalog\//, '').replace(/\/product\.yaml$/, '');
  const snippet = inputPortSnippet(draftInputPort(product, port, { id: 'your/product' }));
  return html`<details class="request-access">
    <summary>Request access</summary>
    ${
      url === undefined
        ? html`<p class="muted">
            This site was built without a repository URL (<code>steward site --repo-url</code>), so there is no link to
            propose a new product: add the input port below to your product's manifest, by hand or with the command.
          </p>`
        : html`<p>
            <a class="button" href="${url}">Propose a new consumer product</a> opens GitHub's editor with a draft
            <code>${draft.path}</code> that reads this port; move it to your own folder, name your team, and commit it
            as a pull request.
          </p>`
    }
    <p>For a product you already have, add this input port to its <code>product.yaml</code>:</p>
    <pre><code>${snippet}</code></pre>
    <p>or let <code>steward</code> add it (everything else in the file stays as written):</p>
    <pre><code>${requestAccessCommand(product.id, port.name)}</code></pre>
    ${approvals(model, product, newId, links)}
  </details>`;
}

function approvals(model: SiteModel, product: Product, newId: string, links: Linker): Html {
  const producer = accessApprovers(model.catalog, product.id);
  const forNew = accessApprovers(model.catalog, product.id, newId).filter((r) => !r.id.startsWith('producer:'));
  const parties = (r: Requirement) => r.parties.map((p, i) => html`${i > 0 ? ' or ' : ''}${links.owner(p)}`);
  return html`<p>
    The pull request needs the approval of
    ${producer.map((r) => html`${parties(r)} (the producer's Accountable party; requirement <code>${r.id}</code>)`)},
    besides your product's own Accountable party (<code>owner:&lt;your product&gt;</code>)
    ${
      forNew.length > 0
        ? html`or, for a new product in the folder above,
          ${forNew.map((r) => html`${parties(r)} (<code>${r.id}</code>)`)}`
        : ''
    }. <code>steward check --base origin/main</code> lists every approval it needs before you push.
  </p>`;
}

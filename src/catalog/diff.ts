import type { Location } from '../core/findings.js';
import { compareSla } from './sla.js';
import type { Compatibility, InputPortManifest, ProductStatus } from './manifest-types.js';
import type { Catalog, Product } from './model.js';
import { diffInputPorts, diffOutputPorts } from './diff-ports.js';

export type RaciRole = 'accountable' | 'responsible' | 'consulted' | 'informed';

interface At {
  /** Where the change is, in the head (for removals: in the base). */
  readonly location: Location;
  readonly previousLocation?: Location;
}

/** One typed difference between a pull request's base and head catalogs. */
export type Change = At &
  (
    | { readonly kind: 'product-added' | 'product-removed'; readonly productId: string }
    | { readonly kind: 'metadata-changed'; readonly productId: string; readonly fields: readonly string[] }
    | {
        readonly kind: 'sla-changed';
        readonly productId: string;
        readonly direction: 'downgrade' | 'upgrade' | 'changed';
        readonly details: readonly string[];
      }
    | {
        readonly kind: 'ownership-changed';
        readonly productId: string;
        readonly roles: readonly RaciRole[];
        readonly transfer: boolean;
      }
    | {
        readonly kind: 'status-changed';
        readonly productId: string;
        readonly from: ProductStatus;
        readonly to: ProductStatus;
      }
    | {
        readonly kind: 'output-port-added' | 'output-port-removed';
        readonly productId: string;
        readonly port: string;
        readonly topic: string;
      }
    | {
        readonly kind: 'topic-settings-changed';
        readonly productId: string;
        readonly port: string;
        readonly settings: readonly string[];
      }
    | {
        readonly kind: 'compatibility-changed';
        readonly productId: string;
        readonly port: string;
        readonly from: Compatibility;
        readonly to: Compatibility;
        readonly loosened: boolean;
      }
    | {
        readonly kind: 'schema-changed';
        readonly productId: string;
        readonly port: string;
        readonly role: 'key' | 'value';
        readonly path: string;
        readonly previousPath: string;
        readonly level: Compatibility;
        /** Referenced files (at the head) whose text changed: the schema changed through them. */
        readonly through: readonly string[];
      }
    | {
        readonly kind: 'input-port-added' | 'input-port-removed';
        readonly productId: string;
        readonly input: InputPortManifest;
      }
    | { readonly kind: 'domain-added' | 'domain-removed' | 'domain-changed'; readonly domainId: string }
    | { readonly kind: 'rules-changed' | 'settings-changed'; readonly path: string }
  );

export type ChangeKind = Change['kind'];

/**
 * Diffs two catalogs into typed changes. Products are compared by manifest and schema text first, so the work
 * done is proportional to what changed, not to the size of the mesh.
 */
export function diffCatalogs(base: Catalog, head: Catalog): Change[] {
  const changes: Change[] = [];
  for (const [id, product] of head.products) {
    const before = base.products.get(id);
    if (!before) changes.push({ kind: 'product-added', productId: id, location: product.document.locate([]) });
    else if (!sameSources(before, product)) changes.push(...diffProduct(before, product, base, head));
  }
  for (const [id, product] of base.products) {
    if (!head.products.has(id) && !head.brokenProducts.has(id)) {
      changes.push({ kind: 'product-removed', productId: id, location: product.document.locate([]) });
    }
  }
  changes.push(...diffDomains(base, head), ...diffGovernanceFiles(base, head));
  return changes;
}

function sameSources(a: Product, b: Product): boolean {
  // Catalogs loaded through one cache share unchanged products, so identity settles most of them for free.
  if (a === b) return true;
  if (a.document.text !== b.document.text) return false;
  if (a.schemas.size !== b.schemas.size) return false;
  for (const [path, file] of a.schemas) if (b.schemas.get(path)?.document.text !== file.document.text) return false;
  return true;
}

function diffProduct(base: Product, head: Product, baseCatalog: Catalog, headCatalog: Catalog): Change[] {
  const id = head.id;
  const b = base.manifest;
  const h = head.manifest;
  const at = (path: (string | number)[]) => ({
    location: head.document.locate(path),
    previousLocation: base.document.locate(path),
  });
  const changes: Change[] = [];
  const metadata = (
    ['title', 'description', 'classification', 'tags', 'quality', 'links', 'deprecation'] as const
  ).filter((f) => !equal(b[f], h[f]));
  if (metadata.length > 0)
    changes.push({ kind: 'metadata-changed', productId: id, fields: metadata, ...at([metadata[0] as string]) });
  if (b.status !== h.status)
    changes.push({ kind: 'status-changed', productId: id, from: b.status, to: h.status, ...at(['status']) });
  if (!equal(b.sla, h.sla)) {
    const { direction, details } = compareSla(b.sla, h.sla);
    changes.push({ kind: 'sla-changed', productId: id, direction, details, ...at(['sla']) });
  }
  const roles = (['accountable', 'responsible', 'consulted', 'informed'] as const).filter(
    (r) => !sameSet(b.owners[r], h.owners[r]),
  );
  if (roles.length > 0) {
    changes.push({
      kind: 'ownership-changed',
      productId: id,
      roles,
      transfer: roles.includes('accountable'),
      ...at(['owners', roles[0] as string]),
    });
  }
  changes.push(...diffOutputPorts(base, head, baseCatalog, headCatalog), ...diffInputPorts(base, head));
  return changes;
}

function diffDomains(base: Catalog, head: Catalog): Change[] {
  const changes: Change[] = [];
  for (const [id, domain] of head.domains) {
    const before = base.domains.get(id);
    if (!before) changes.push({ kind: 'domain-added', domainId: id, location: domain.document.locate([]) });
    else if (before.document.text !== domain.document.text)
      changes.push({ kind: 'domain-changed', domainId: id, location: domain.document.locate([]) });
  }
  for (const [id, domain] of base.domains) {
    if (!head.domains.has(id))
      changes.push({ kind: 'domain-removed', domainId: id, location: domain.document.locate([]) });
  }
  return changes;
}

function diffGovernanceFiles(base: Catalog, head: Catalog): Change[] {
  const changes: Change[] = [];
  const texts = (c: Catalog) => new Map(c.rules.map((r) => [r.document.path, r.document]));
  const before = texts(base);
  const after = texts(head);
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(path)?.text === after.get(path)?.text) continue;
    const doc = after.get(path) ?? before.get(path);
    if (doc) changes.push({ kind: 'rules-changed', path, location: doc.locate([]) });
  }
  const settingsBefore = base.settings?.document;
  const settingsAfter = head.settings?.document;
  if (settingsBefore?.text !== settingsAfter?.text) {
    const doc = settingsAfter ?? settingsBefore;
    if (doc) changes.push({ kind: 'settings-changed', path: doc.path, location: doc.locate([]) });
  }
  return changes;
}

function sameSet(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = new Set((a ?? []).map((s) => s.toLowerCase()));
  const y = new Set((b ?? []).map((s) => s.toLowerCase()));
  return x.size === y.size && [...x].every((v) => y.has(v));
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

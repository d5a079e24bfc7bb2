import type { Change } from '../catalog/diff.js';
import type { InputPortManifest } from '../catalog/manifest-types.js';
import type { Catalog, Product } from '../catalog/model.js';
import { catalogRoot } from '../catalog/model.js';
import type { ImpactEntry } from './impact.js';
import { nearestDomainAbove } from '../catalog/graph.js';

/**
 * One approval a pull request needs. Invariant: `parties` come from the base catalog, so a pull request cannot
 * name its own approvers; `covers` are the path prefixes whose change after an approval makes it stale.
 */
export interface Requirement {
  readonly id: string;
  readonly reasons: readonly string[];
  /** GitHub users and `@org/team`s; any `count` distinct people among them satisfy it. */
  readonly parties: readonly string[];
  readonly count: number;
  readonly covers: readonly string[];
}

/**
 * What a requirement stands for. Its id is this key written out (`owner:<product>`, `consulted:<product>:<party>`,
 * …, as docs/governance.md lists them): ids are built by `requirementId`, never formatted by hand.
 */
export type RequirementKey =
  | { readonly kind: 'governance' }
  | { readonly kind: 'domain'; readonly domainId: string }
  | { readonly kind: 'owner' | 'producer' | 'consumer'; readonly productId: string }
  | { readonly kind: 'consulted'; readonly productId: string; readonly party: string };

export function requirementId(key: RequirementKey): string {
  switch (key.kind) {
    case 'governance':
      return 'governance';
    case 'domain':
      return `domain:${key.domainId}`;
    case 'consulted':
      return `consulted:${key.productId}:${key.party}`;
    default:
      return `${key.kind}:${key.productId}`;
  }
}

const governanceId = requirementId({ kind: 'governance' });

export interface RequirementSet {
  readonly requirements: readonly Requirement[];
  /** Parties to mention, never blocking. */
  readonly informed: readonly string[];
}

const productDir = (id: string) => `${catalogRoot}${id}/`;

/** Changes that reach beyond the product's owners: consulted parties and affected consumers must agree. */
function isSignificant(change: Change, breaking: (c: Change) => boolean): string | undefined {
  switch (change.kind) {
    case 'schema-changed':
      return breaking(change) ? `a breaking change to the ${change.role} schema of ${change.port}` : undefined;
    case 'sla-changed':
      return change.direction === 'downgrade' ? `an SLA downgrade (${change.details.join(', ')})` : undefined;
    case 'ownership-changed':
      return change.transfer ? 'a transfer of accountability' : undefined;
    case 'status-changed':
      return change.to === 'retired' ? 'the retirement of the product' : undefined;
    case 'product-removed':
      return 'the removal of the product';
    case 'output-port-removed':
      return `the removal of port ${change.port}`;
    default:
      return undefined;
  }
}

/**
 * Computes whose approval a pull request needs, from the base catalog only (SPEC §3.5): the Accountable party of
 * every changed product; for significant changes also its Consulted parties and the Accountable parties of the
 * consumers they break; the producer's Accountable party for each new input port, a new product's included
 * (`inputsOf` gives a new product's input ports, from the head: access is granted by the producer, whichever
 * manifest asks for it); governance owners for rules, settings and the domain tree, and for loosened
 * compatibility; domain owners for new products.
 */
export function computeRequirements(
  base: Catalog,
  changes: readonly Change[],
  impact: readonly ImpactEntry[],
  breaking: (c: Change) => boolean,
  inputsOf: (newProductId: string) => readonly InputPortManifest[] = () => [],
): RequirementSet {
  const collected = collectRequirements();
  const governance = [...new Set(base.rules.flatMap((r) => r.manifest.governance?.owners ?? []))];
  const context: ChangeContext = { base, impact, breaking, governance, add: collected.add };
  const informed = new Set<string>();
  for (const change of changes) {
    if (!('productId' in change)) {
      const covers = 'path' in change ? change.path : `${catalogRoot}${change.domainId}/domain.yaml`;
      collected.add(governanceId, `${describe(change)}`, governance, covers);
      continue;
    }
    const product = base.products.get(change.productId);
    if (!product) {
      addNewProduct(context, change.productId);
      if (change.kind === 'product-added')
        for (const input of inputsOf(change.productId))
          addProducer(base, input.product, change.productId, collected.add, productDir(change.productId));
      continue;
    }
    for (const party of product.manifest.owners.informed ?? []) informed.add(party);
    addProductChange(context, product, change);
  }
  return { requirements: collected.list(), informed: [...informed].sort() };
}

type ProductChange = Extract<Change, { productId: string }>;

type Add = (id: string, reason: string, parties: readonly string[], covers: string) => void;

interface ChangeContext {
  readonly base: Catalog;
  readonly impact: readonly ImpactEntry[];
  readonly breaking: (c: Change) => boolean;
  /** The union of every rule file's governance owners. */
  readonly governance: readonly string[];
  readonly add: Add;
}

/**
 * Requirements by id: a second reason for the same id joins the first (its parties stay the first's), and every
 * path that needed it is covered.
 */
function collectRequirements(): { add: Add; list: () => Requirement[] } {
  const out = new Map<string, { reasons: string[]; parties: string[]; covers: Set<string> }>();
  const add: Add = (id, reason, parties, covers) => {
    const entry = out.get(id) ?? { reasons: [], parties: [...parties], covers: new Set<string>() };
    if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
    entry.covers.add(covers);
    out.set(id, entry);
  };
  const list = () =>
    [...out]
      .map(([id, e]) => ({ id, reasons: e.reasons, parties: e.parties, count: 1, covers: [...e.covers].sort() }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  return { add, list };
}

/** A product not in the base catalog has no owners yet: its domain's owners (or governance) admit it. */
function addNewProduct({ base, governance, add }: ChangeContext, productId: string): void {
  const dir = productDir(productId);
  const domain = nearestDomain(base, productId);
  if (domain)
    add(
      requirementId({ kind: 'domain', domainId: domain.id }),
      `new product ${productId} in domain ${domain.id}`,
      domain.manifest.owners,
      dir,
    );
  else add(governanceId, `new product ${productId} outside any existing domain`, governance, dir);
}

function addProductChange(context: ChangeContext, product: Product, change: ProductChange): void {
  const { base, impact, breaking, governance, add } = context;
  const dir = productDir(change.productId);
  add(
    requirementId({ kind: 'owner', productId: product.id }),
    `changes to ${product.id}`,
    product.manifest.owners.accountable,
    dir,
  );
  if (change.kind === 'input-port-added') addProducer(base, change.input.product, product.id, add, dir);
  if (change.kind === 'compatibility-changed' && change.loosened)
    add(governanceId, `loosened compatibility of ${product.id}#${change.port}`, governance, dir);
  const significant = isSignificant(change, breaking);
  if (significant) addSignificant(product, significant, change, impact, add, dir);
}

function addProducer(base: Catalog, producerId: string, consumerId: string, add: Add, dir: string): void {
  const producer = base.products.get(producerId);
  // A producer added by this same pull request has no base owners; its domain owners approve it as a new product.
  if (producer)
    add(
      requirementId({ kind: 'producer', productId: producerId }),
      `access for ${consumerId} to ${producerId}`,
      producer.manifest.owners.accountable,
      dir,
    );
}

function addSignificant(
  product: Product,
  what: string,
  change: Change,
  impact: readonly ImpactEntry[],
  add: Add,
  dir: string,
): void {
  for (const party of product.manifest.owners.consulted ?? [])
    add(
      requirementId({ kind: 'consulted', productId: product.id, party }),
      `${what} of ${product.id} (consulted)`,
      [party],
      dir,
    );
  const port = 'port' in change ? change.port : '*';
  for (const entry of impact) {
    if (entry.productId !== product.id || (entry.port !== port && port !== '*') || !entry.breaking) continue;
    for (const consumer of entry.consumers.filter((c) => c.depth === 1)) {
      add(
        requirementId({ kind: 'consumer', productId: consumer.productId }),
        `${what} of ${product.id}, which ${consumer.productId} reads`,
        consumer.accountable,
        dir,
      );
    }
  }
}

function nearestDomain(base: Catalog, productId: string) {
  const id = nearestDomainAbove(productId, (d) => base.domains.has(d));
  return id === undefined ? undefined : base.domains.get(id);
}

function describe(change: Change): string {
  switch (change.kind) {
    case 'rules-changed':
      return `governance rules changed in ${change.path}`;
    case 'settings-changed':
      return `bot settings changed in ${change.path}`;
    case 'domain-added':
    case 'domain-removed':
    case 'domain-changed':
      return `domain tree: ${change.kind.replace('domain-', '')} ${change.domainId}`;
    default:
      return change.kind;
  }
}

/**
 * Whose approval a pull request that gives `consumerId` read access to `producerId` needs, from the same
 * requirement functions the App evaluates pull requests with: for an existing consumer the change is a new input
 * port (its own Accountable party and the producer's), for an id the catalog does not hold it is a new product
 * with that input port (its domain's owners, or governance, and the producer's). Without a consumer: only what
 * every request needs, the producer's. Empty when the producer is not in the catalog.
 */
export function accessApprovers(catalog: Catalog, producerId: string, consumerId?: string): Requirement[] {
  if (consumerId === undefined) {
    const collected = collectRequirements();
    addProducer(catalog, producerId, 'a new consumer', collected.add, catalogRoot);
    return collected.list();
  }
  const input: InputPortManifest = { name: 'access', product: producerId, port: '*', principal: '', consumerGroup: '' };
  const location = { path: `${productDir(consumerId)}product.yaml`, line: 1, column: 1 };
  const change: Change = catalog.products.has(consumerId)
    ? { kind: 'input-port-added', productId: consumerId, input, location }
    : { kind: 'product-added', productId: consumerId, location };
  return [
    ...computeRequirements(
      catalog,
      [change],
      [],
      () => false,
      () => [input],
    ).requirements,
  ];
}

import type { Compatibility, OutputPortManifest } from '../catalog/manifest-types.js';
import type { Catalog, Domain, Product } from '../catalog/model.js';
import { catalogPortPlan, portDefaults } from '../plan/desired.js';
import type { RepositoryRef } from './input-port-draft.js';
import { partyKey } from './paths.js';
import type { SiteHistory } from './schema-history.js';

/**
 * What the site shows of one output port: the values the plan would give the topic and its subjects (the catalog's
 * own, its settings' defaults, or the built-in fallbacks; no environment's overrides), so a default shows as the
 * number it becomes. A retired product's ports are not planned: they show what the manifest declares.
 */
export interface PortView {
  readonly manifest: OutputPortManifest;
  readonly retired: boolean;
  readonly partitions: number | undefined;
  readonly replicationFactor: number | undefined;
  readonly configs: Readonly<Record<string, string>>;
  readonly compatibility: Compatibility | undefined;
  /** Products that read this port through an input port, sorted. */
  readonly consumers: readonly string[];
}

/** One lineage edge: `consumer` reads `port` of `producer` through its input port `input`. */
export interface LineageEdge {
  readonly producer: string;
  readonly port: string;
  readonly consumer: string;
  readonly input: string;
}

/** A party and everything the catalog says it does, each list sorted and without repeats. */
export interface OwnerView {
  /** The spelling met first (parties equal but for case are one, see `partyKey`). */
  readonly party: string;
  readonly accountable: readonly string[];
  readonly responsible: readonly string[];
  readonly consulted: readonly string[];
  readonly informed: readonly string[];
  readonly domains: readonly string[];
  /** Products read, through input ports, by the products the party is accountable or responsible for. */
  readonly consumes: readonly string[];
}

/**
 * The catalog arranged for pages: sorted products and domains, effective port values, lineage both ways and every
 * party's roles. Built once per site; pages only read it.
 */
export interface SiteModel {
  readonly catalog: Catalog;
  readonly products: readonly Product[];
  readonly domains: readonly Domain[];
  readonly ports: ReadonlyMap<string, readonly PortView[]>;
  readonly edges: readonly LineageEdge[];
  /** Product id → the edges it reads through (upstream) and the edges that read it (downstream). */
  readonly upstream: ReadonlyMap<string, readonly LineageEdge[]>;
  readonly downstream: ReadonlyMap<string, readonly LineageEdge[]>;
  /** By `partyKey`. */
  readonly owners: ReadonlyMap<string, OwnerView>;
  /** Domain id → its direct subdomains, sorted. */
  readonly subdomains: ReadonlyMap<string, readonly string[]>;
  /** How many input ports away a product page follows lineage (1: direct readers and sources only). */
  readonly lineageDepth: number;
  /** Schema versions from git, as the shell read them; absent: pages show no history section. */
  readonly history?: SiteHistory;
  /** Where "Request access" links open a pull request; undefined: no links, snippets and commands only. */
  readonly repository: RepositoryRef | undefined;
}

export interface SiteOptions {
  /** Default 3. */
  readonly lineageDepth?: number;
  readonly history?: SiteHistory;
  readonly repository?: RepositoryRef;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function buildSiteModel(catalog: Catalog, options: SiteOptions = {}): SiteModel {
  const products = [...catalog.products.values()].sort(byId);
  const domains = [...catalog.domains.values()].sort(byId);
  const edges = lineageEdges(products);
  const upstream = groupBy(edges, (e) => e.consumer);
  const downstream = groupBy(edges, (e) => e.producer);
  return {
    catalog,
    products,
    domains,
    ports: portViews(catalog, products, downstream),
    edges,
    upstream,
    downstream,
    owners: ownerViews(products, domains, upstream),
    subdomains: subdomainIndex(domains),
    lineageDepth: options.lineageDepth ?? 3,
    ...(options.history ? { history: options.history } : {}),
    repository: options.repository,
  };
}

function lineageEdges(products: readonly Product[]): LineageEdge[] {
  const edges = products.flatMap((p) =>
    (p.manifest.inputPorts ?? []).map((i) => ({ producer: i.product, port: i.port, consumer: p.id, input: i.name })),
  );
  const key = (e: LineageEdge) => `${e.producer}#${e.port}>${e.consumer}#${e.input}`;
  return edges.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function portViews(
  catalog: Catalog,
  products: readonly Product[],
  downstream: ReadonlyMap<string, readonly LineageEdge[]>,
): Map<string, PortView[]> {
  // Per port, from the manifest and the settings alone: the plan's own function, without planning the whole mesh
  // (every schema, every ACL) for the few numbers a page shows.
  const defaults = portDefaults(catalog);
  const views = new Map<string, PortView[]>();
  for (const product of products) {
    const retired = product.manifest.status === 'retired';
    const readers = downstream.get(product.id) ?? [];
    const list = (product.manifest.outputPorts ?? []).map((port): PortView => {
      const { topic, compatibility } = catalogPortPlan(port, defaults);
      const consumers = [...new Set(readers.filter((e) => e.port === port.name).map((e) => e.consumer))].sort();
      return {
        manifest: port,
        retired,
        partitions: retired ? port.partitions : topic.partitions,
        replicationFactor: retired ? port.replicationFactor : topic.replicationFactor,
        configs: sortedKeys(topic.configs),
        compatibility: retired ? port.compatibility : compatibility,
        consumers,
      };
    });
    views.set(product.id, list);
  }
  return views;
}

/** Configs by name, so pages and catalog.json list them in one order whatever order the manifest wrote. */
function sortedKeys(configs: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(configs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

type Role = 'accountable' | 'responsible' | 'consulted' | 'informed' | 'domains' | 'consumes';

function ownerViews(
  products: readonly Product[],
  domains: readonly Domain[],
  upstream: ReadonlyMap<string, readonly LineageEdge[]>,
): Map<string, OwnerView> {
  const roles = new Map<string, { party: string } & Record<Role, Set<string>>>();
  const add = (party: string, role: Role, id: string) => {
    const key = partyKey(party);
    const entry = roles.get(key) ?? {
      party,
      accountable: new Set<string>(),
      responsible: new Set<string>(),
      consulted: new Set<string>(),
      informed: new Set<string>(),
      domains: new Set<string>(),
      consumes: new Set<string>(),
    };
    entry[role].add(id);
    roles.set(key, entry);
  };
  for (const product of products) {
    const owners = product.manifest.owners;
    for (const role of ['accountable', 'responsible', 'consulted', 'informed'] as const)
      for (const party of owners[role] ?? []) add(party, role, product.id);
    for (const party of [...owners.accountable, ...(owners.responsible ?? [])])
      for (const edge of upstream.get(product.id) ?? []) add(party, 'consumes', edge.producer);
  }
  for (const domain of domains) for (const party of domain.manifest.owners) add(party, 'domains', domain.id);
  const sorted = [...roles.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(
    sorted.map(([key, e]) => [
      key,
      {
        party: e.party,
        accountable: [...e.accountable].sort(),
        responsible: [...e.responsible].sort(),
        consulted: [...e.consulted].sort(),
        informed: [...e.informed].sort(),
        domains: [...e.domains].sort(),
        consumes: [...e.consumes].sort(),
      },
    ]),
  );
}

function subdomainIndex(domains: readonly Domain[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const domain of domains) {
    if (domain.parentId === undefined) continue;
    const children = index.get(domain.parentId);
    if (children) children.push(domain.id);
    else index.set(domain.parentId, [domain.id]);
  }
  return index;
}

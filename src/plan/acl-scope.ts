import type { InputPortManifest, OutputPortManifest } from '../catalog/manifest-types.js';
import type { Catalog, Product } from '../catalog/model.js';
import type { AclBinding } from './state.js';

/**
 * The output port an input port reads, when it grants anything: a port on a retired or unknown product grants
 * nothing (validation reports the latter).
 */
export function grantingPort(catalog: Catalog, input: InputPortManifest): OutputPortManifest | undefined {
  const source = catalog.products.get(input.product);
  if (!source || source.manifest.status === 'retired') return undefined;
  return source.manifest.outputPorts?.find((p) => p.name === input.port);
}

/** The resources whose ACLs a scoped plan reads and manages. */
export interface AclScope {
  readonly topics: ReadonlySet<string>;
  readonly groups: ReadonlySet<string>;
}

/**
 * The ACL resources of some products: the topics they own (retired too: their grants are revoked), the topics they
 * read, their consumer groups (see managedGroups) and `extraGroups` (see formerGroups). Only resources the
 * whole-catalog plan also reads are included, so that a scoped plan is exactly the whole plan restricted to these
 * resources: a topic of an out-of-scope retired product is left to that product's own plan.
 */
export function aclScope(
  catalog: Catalog,
  only: ReadonlySet<string>,
  extraTopics: readonly string[] = [],
  extraGroups: readonly string[] = [],
): AclScope {
  const topics = new Set(extraTopics);
  const products = [...only].flatMap((id) => catalog.products.get(id) ?? []);
  for (const product of products) {
    for (const port of product.manifest.outputPorts ?? []) topics.add(port.topic);
    for (const input of product.manifest.inputPorts ?? []) {
      const port = grantingPort(catalog, input);
      if (port) topics.add(port.topic);
    }
  }
  return { topics, groups: managedGroups(catalog, products, extraGroups) };
}

/**
 * The consumer groups whose ACLs the plan reads and manages (it revokes every ALLOW on them the catalog does not
 * grant). The catalog owns a group when one of its input ports names it, or named it before the change:
 * - an input port that reads a live product's port: the consumer's group, granted while the consumer is live and
 *   revoked once it is retired (its topic READ goes the same way);
 * - `former` groups, which the catalog named before and names no more (a removed input port, a deleted product;
 *   see formerGroups): nothing grants on them any more, so every grant on them is revoked.
 * An input port that reads a retired (or unknown) product names a group the catalog leaves alone: its grant on the
 * retired topic waits for the topic's deletion, and the group's goes when the port is removed. Every other group of
 * the cluster is not the catalog's: its ACLs are never read, so never revoked, whoever they name.
 */
export function managedGroups(
  catalog: Catalog,
  products: Iterable<Product> = catalog.products.values(),
  former: Iterable<string> = [],
): Set<string> {
  const groups = new Set(former);
  for (const product of products)
    for (const input of product.manifest.inputPorts ?? [])
      if (grantingPort(catalog, input)) groups.add(input.consumerGroup);
  return groups;
}

export function inScope(acl: AclBinding, scope: AclScope): boolean {
  return (acl.resourceType === 'topic' ? scope.topics : scope.groups).has(acl.resourceName);
}

/**
 * Topics the products read in `before` that `after` still grants on: a removed input port (or a deleted product)
 * leaves a grant the plan of `after` revokes, so the scoped plan must read those topics too. Only topics of live
 * products in `after` qualify, the ones its whole plan reads and manages.
 */
export function formerReads(before: Catalog, after: Catalog, only: ReadonlySet<string>): string[] {
  const topics = new Set<string>();
  for (const id of only)
    for (const input of before.products.get(id)?.manifest.inputPorts ?? []) {
      const port = grantingPort(before, input);
      const still = port && grantingPort(after, input);
      if (port && still?.topic === port.topic) topics.add(port.topic);
    }
  return [...topics];
}

/**
 * The consumer groups the products (`only`, default every product of `before`) named in `before` whose ACLs the plan
 * of `after` reads (pass them as the desired state's `aclGroups`): the groups of removed input ports and deleted
 * products, so that their grants are revoked, and those `after` still manages, whose grants stay as the whole plan
 * keeps them. This is the catalog's history standing in for what the cluster cannot say (a Kafka ACL has no owner):
 * the group is the catalog's because one of its input ports named it. A group that `after` names only through a
 * port it leaves alone (one that reads a retired product) stays left alone.
 */
export function formerGroups(before: Catalog, after: Catalog, only?: ReadonlySet<string>): string[] {
  const products = only ? [...only].flatMap((id) => before.products.get(id) ?? []) : before.products.values();
  const named = new Set<string>();
  for (const product of products) for (const input of product.manifest.inputPorts ?? []) named.add(input.consumerGroup);
  if (named.size === 0) return [];
  // One pass over `after`'s input ports, looking up only the groups named before.
  const [managed, leftAlone] = [new Set<string>(), new Set<string>()];
  for (const product of after.products.values())
    for (const input of product.manifest.inputPorts ?? [])
      if (named.has(input.consumerGroup)) (grantingPort(after, input) ? managed : leftAlone).add(input.consumerGroup);
  return [...named].filter((group) => managed.has(group) || !leftAlone.has(group));
}

/**
 * The names of one resource type that the catalog owns, indexed to answer which of them an ACL's pattern grants
 * on, as Kafka's authorizer matches: a literal name, the literal `*` (every resource of the type), or a prefix.
 * Sorted, so a prefix costs a binary search plus its matches, not a scan of every name.
 */
export class OwnedNames {
  private readonly sorted: readonly string[];
  private readonly set: ReadonlySet<string>;

  constructor(names: Iterable<string>) {
    this.set = new Set(names);
    this.sorted = [...this.set].sort();
  }

  /** The owned names the pattern grants on, sorted. */
  matchedBy(acl: Pick<AclBinding, 'resourceName' | 'patternType'>): string[] {
    const name = acl.resourceName;
    if (acl.patternType !== 'prefixed') {
      if (name === '*') return [...this.sorted];
      return this.set.has(name) ? [name] : [];
    }
    const found: string[] = [];
    for (let i = this.firstAtLeast(name); i < this.sorted.length; i++) {
      const candidate = this.sorted[i] as string;
      if (!candidate.startsWith(name)) break;
      found.push(candidate);
    }
    return found;
  }

  /** Whether the pattern grants on at least one owned name. */
  matches(acl: Pick<AclBinding, 'resourceName' | 'patternType'>): boolean {
    if (acl.patternType !== 'prefixed')
      return acl.resourceName === '*' ? this.set.size > 0 : this.set.has(acl.resourceName);
    const next = this.sorted[this.firstAtLeast(acl.resourceName)];
    return next !== undefined && next.startsWith(acl.resourceName);
  }

  private firstAtLeast(value: string): number {
    let [lo, hi] = [0, this.sorted.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.sorted[mid] as string) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

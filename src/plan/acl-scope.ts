import type { InputPortManifest, OutputPortManifest } from '../catalog/manifest-types.js';
import type { Catalog } from '../catalog/model.js';
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
 * read, and their consumer groups. Only resources the whole-catalog plan also reads are included, so that a scoped
 * plan is exactly the whole plan restricted to these resources: a retired consumer's group is not read by the whole
 * plan (so never revoked), and a topic of an out-of-scope retired product is left to that product's own plan.
 */
export function aclScope(catalog: Catalog, only: ReadonlySet<string>, extraTopics: readonly string[] = []): AclScope {
  const topics = new Set(extraTopics);
  const groups = new Set<string>();
  for (const id of only) {
    const product = catalog.products.get(id);
    if (!product) continue;
    for (const port of product.manifest.outputPorts ?? []) topics.add(port.topic);
    for (const input of product.manifest.inputPorts ?? []) {
      const port = grantingPort(catalog, input);
      if (!port) continue;
      topics.add(port.topic);
      if (product.manifest.status !== 'retired') groups.add(input.consumerGroup);
    }
  }
  return { topics, groups };
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

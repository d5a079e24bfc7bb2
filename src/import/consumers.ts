import type { Catalog } from '../catalog/model.js';
import { AccessIndex, describeBinding } from './access.js';
import { manifestPath, newDraft, portNames, uniqueName, type ProductDraft } from './drafts.js';
import type { PendingFinding } from './schemas.js';

/**
 * Turns the READ ACLs on imported topics into input ports: a reading principal that exactly one other product is
 * known by (as a port's writer, or an input port's principal, in the catalog or among the imported products) is
 * that product consuming the topic, with the consumer group the principal may READ. Adds the input ports to the
 * drafts (creating drafts that extend existing catalog products) and reports what it could not match.
 */
export function addConsumers(
  catalog: Catalog,
  drafts: Map<string, ProductDraft>,
  access: AccessIndex,
  ownedGroups: readonly string[],
  pending: PendingFinding[],
): void {
  const known = principalIndex(catalog, drafts);
  for (const draft of [...drafts.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const offset = draft.existing?.manifest.outputPorts?.length ?? 0;
    draft.ports.forEach((port, i) => {
      for (const reader of access.topic(port.topic).readers) {
        const candidates = [...(known.get(reader) ?? [])].filter((id) => id !== draft.id).sort();
        const consumerId = candidates.length === 1 ? candidates[0] : undefined;
        if (consumerId === undefined) {
          pending.push({
            ruleId: 'IMPORT_CONSUMER_UNMATCHED',
            file: manifestPath(draft),
            yamlPath: ['outputPorts', offset + i, 'topic'],
            message: `${reader} may READ topic ${port.topic}, but ${candidates.length === 0 ? 'no product is known by that principal' : `several products use it (${candidates.join(', ')})`}, so no input port declares the access and apply would revoke it; add an input port with principal ${reader} on the product that reads ${draft.id} port ${port.name}.`,
          });
          continue;
        }
        const consumer = drafts.get(consumerId) ?? newDraft(catalog, consumerId, '', consumerId.split('/').pop() ?? '');
        drafts.set(consumerId, consumer);
        addInput(consumer, draft, port.name, reader, access, pending);
      }
    });
  }
  reportGroupAcls(catalog, drafts, access, new Set(ownedGroups), pending);
}

function addInput(
  consumer: ProductDraft,
  producer: ProductDraft,
  port: string,
  principal: string,
  access: AccessIndex,
  pending: PendingFinding[],
): void {
  const groups = access.groupsOf(principal);
  const preferred = bestGroup(groups, producer.ports.find((p) => p.name === port)?.topic ?? '');
  const index = (consumer.existing?.manifest.inputPorts?.length ?? 0) + consumer.inputs.length;
  const name = uniqueName(portNames(consumer), port);
  consumer.inputs.push({
    name,
    product: producer.id,
    port,
    principal,
    ...(preferred ? { consumerGroup: preferred } : {}),
  });
  if (groups.length === 1) return;
  pending.push({
    ruleId: groups.length === 0 ? 'IMPORT_CONSUMER_GROUP_UNKNOWN' : 'IMPORT_CONSUMER_GROUP_GUESSED',
    file: manifestPath(consumer),
    yamlPath: ['inputPorts', index, 'consumerGroup'],
    message:
      groups.length === 0
        ? `${principal} has no READ ACL on a consumer group, so input port ${name} has no consumerGroup; set it to the group the consumer uses (apply grants ${principal} READ on it).`
        : `${principal} may READ ${groups.length} consumer groups (${groups.join(', ')}); input port ${name} names ${preferred}. Set consumerGroup to the one it reads ${producer.id} with.`,
  });
}

/** The group sharing the longest prefix with the topic's name (the first such, sorted): `sales.x` for `sales.orders.v1`. */
function bestGroup(groups: readonly string[], topic: string): string | undefined {
  const shared = (g: string) => {
    let n = 0;
    while (n < g.length && g[n] === topic[n]) n++;
    return n;
  };
  return groups.reduce<string | undefined>(
    (best, g) => (best === undefined || shared(g) > shared(best) ? g : best),
    undefined,
  );
}

/** Principal → ids of the products known by it: writers and input principals, in the catalog and imported. */
function principalIndex(catalog: Catalog, drafts: ReadonlyMap<string, ProductDraft>): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  const add = (principal: string, id: string) => index.set(principal, (index.get(principal) ?? new Set()).add(id));
  for (const product of catalog.products.values()) {
    if (product.manifest.status === 'retired') continue;
    for (const port of product.manifest.outputPorts ?? []) add(port.writer, product.id);
    for (const input of product.manifest.inputPorts ?? []) add(input.principal, product.id);
  }
  for (const draft of drafts.values()) for (const port of draft.ports) if (port.writer) add(port.writer, draft.id);
  return index;
}

/** ACLs on the groups new input ports bring under the catalog that it would not declare: apply would revoke them. */
function reportGroupAcls(
  catalog: Catalog,
  drafts: ReadonlyMap<string, ProductDraft>,
  access: AccessIndex,
  owned: ReadonlySet<string>,
  pending: PendingFinding[],
): void {
  const readers = new Map<string, Set<string>>();
  const where = new Map<string, PendingFinding['yamlPath'] & object>();
  const fileOf = new Map<string, string>();
  const use = (group: string, principal: string) =>
    readers.set(group, (readers.get(group) ?? new Set()).add(principal));
  for (const product of catalog.products.values())
    for (const input of product.manifest.inputPorts ?? []) use(input.consumerGroup, input.principal);
  for (const draft of drafts.values()) {
    const offset = draft.existing?.manifest.inputPorts?.length ?? 0;
    draft.inputs.forEach((input, i) => {
      if (!input.consumerGroup || owned.has(input.consumerGroup)) return;
      use(input.consumerGroup, input.principal);
      if (!where.has(input.consumerGroup)) {
        where.set(input.consumerGroup, ['inputPorts', offset + i, 'consumerGroup']);
        fileOf.set(input.consumerGroup, manifestPath(draft));
      }
    });
  }
  for (const [group, path] of where)
    for (const acl of access.groupOthers(group, readers.get(group) ?? new Set()))
      pending.push({
        ruleId: 'IMPORT_ACL_UNMANAGED',
        file: fileOf.get(group) as string,
        yamlPath: path,
        message: `The ACL ALLOW ${describeBinding(acl)} grants on consumer group ${group}, which the catalog now names, and it cannot declare it, so apply would revoke it; declare the access as an input port, or narrow the ACL before merging.`,
      });
}

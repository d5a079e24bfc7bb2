import type { Compatibility, OutputPortManifest } from '../catalog/manifest-types.js';
import type { Catalog, Product } from '../catalog/model.js';
import { resolveSchemaPath } from '../catalog/load-product.js';
import { referencedFileSubject } from '../catalog/port-schemas.js';
import type { AvroType } from '../schema/avro-model.js';
import { isNamed } from '../schema/avro-model.js';
import { aclScope, grantingPort, inScope } from './acl-scope.js';
import { aclKey, type AclBinding, type DesiredState, type SubjectSpec, type TopicSpec } from './state.js';

export interface DesiredOptions {
  /**
   * Replaces every port's replication factor, e.g. 1 on a single-broker test cluster. Never silent: the plan and
   * the report carry a notice saying so.
   */
  readonly replicationFactorOverride?: number;
  /**
   * Plans only these products (ids), so that the work scales with a change and not with the mesh: their topics,
   * subjects and retired resources, and every catalog ACL on the topics they own or read and on their consumer
   * groups (see acl-scope.ts). Other products' schemas are never read. Default: the whole catalog.
   */
  readonly only?: ReadonlySet<string>;
  /** With `only`: further topics whose ACLs are in scope, e.g. those a product deleted by the change used to read. */
  readonly aclTopics?: readonly string[];
}

/** Fallbacks when neither the port nor .github/steward.yml says (docs/manifest.md). */
const fallback = { partitions: 6, replicationFactor: 3, compatibility: 'BACKWARD' as Compatibility };
type Defaults = typeof fallback;

/**
 * What the catalog wants on the cluster and in the registry. Products that are not retired own their output topics,
 * the `<topic>-key` / `<topic>-value` subjects and the ACLs of their writer and consumers; retired products are
 * listed for deletion (which the plan gates on settings). Pure.
 */
export function desiredState(catalog: Catalog, options: DesiredOptions = {}): DesiredState {
  const settings = catalog.settings?.manifest;
  const defaults = { ...fallback, ...settings?.defaults };
  const products = [...catalog.products.values()].filter((p) => options.only?.has(p.id) ?? true);
  const owned = ownedResources(products, defaults, options);
  const granted = catalogAcls(catalog);
  // ACLs come from every product (manifests only, cheap), kept exactly for the resources read: a topic's other
  // consumers must stay desired, or the diff would revoke their grants.
  const scope = options.only && aclScope(catalog, options.only, options.aclTopics);
  const notices =
    options.replicationFactorOverride === undefined
      ? []
      : [
          `Replication factor overridden to ${options.replicationFactorOverride} for every topic (the catalog's own values are not used).`,
        ];
  return {
    ...owned,
    acls: scope ? granted.acls.filter((a) => inScope(a, scope)) : granted.acls,
    groups: [...(scope ? scope.groups : granted.groups)],
    ...(scope ? { aclTopics: [...scope.topics] } : {}),
    allowDeletions: settings?.allowDeletions ?? false,
    notices,
  };
}

/** The topics and subjects the products own, or leave behind when retired. */
function ownedResources(products: readonly Product[], defaults: Defaults, options: DesiredOptions) {
  const topics: TopicSpec[] = [];
  const subjects = new Map<string, SubjectSpec>();
  const retired = { topics: [] as string[], subjects: [] as string[] };
  for (const product of products) {
    for (const port of product.manifest.outputPorts ?? []) {
      if (product.manifest.status === 'retired') {
        retired.topics.push(port.topic);
        for (const role of ['key', 'value'] as const) if (port[role]) retired.subjects.push(`${port.topic}-${role}`);
        continue;
      }
      topics.push({
        name: port.topic,
        partitions: port.partitions ?? defaults.partitions,
        replicationFactor: options.replicationFactorOverride ?? port.replicationFactor ?? defaults.replicationFactor,
        configs: Object.fromEntries(Object.entries(port.configs ?? {}).map(([k, v]) => [k, String(v)])),
      });
      for (const spec of portSubjects(product, port, port.compatibility ?? defaults.compatibility))
        if (!subjects.has(spec.subject)) subjects.set(spec.subject, spec);
    }
  }
  return { topics, subjects: [...subjects.values()], retired };
}

/** Every grant of the catalog: writers on their topics, consumers on the topics they read and on their groups. */
function catalogAcls(catalog: Catalog): { acls: AclBinding[]; groups: Set<string> } {
  const acls: AclBinding[] = [];
  const groups = new Set<string>();
  const live = [...catalog.products.values()].filter((p) => p.manifest.status !== 'retired');
  for (const product of live)
    for (const port of product.manifest.outputPorts ?? [])
      for (const operation of ['WRITE', 'DESCRIBE'] as const)
        acls.push({ resourceType: 'topic', resourceName: port.topic, principal: port.writer, operation });
  for (const product of live) {
    for (const input of product.manifest.inputPorts ?? []) {
      const port = grantingPort(catalog, input);
      if (!port) continue;
      acls.push({ resourceType: 'topic', resourceName: port.topic, principal: input.principal, operation: 'READ' });
      acls.push({
        resourceType: 'group',
        resourceName: input.consumerGroup,
        principal: input.principal,
        operation: 'READ',
      });
      groups.add(input.consumerGroup);
    }
  }
  return { acls: dedupe(acls), groups };
}

/**
 * The port's key and value subjects, preceded by one subject per schema file they take named types from (named
 * after that file's top-level type), as the Confluent API wants references: registered subjects of their own.
 */
function portSubjects(product: Product, port: OutputPortManifest, compatibility: Compatibility): SubjectSpec[] {
  const definedIn = namedTypeFiles(product);
  const specs: SubjectSpec[] = [];
  const fileSubject = (path: string): string => referencedFileSubject(product, path);
  const visit = (path: string, subject: string, seen: Set<string>): void => {
    const file = product.schemas.get(path);
    if (!file || seen.has(path)) return;
    seen.add(path);
    const references = [];
    for (const name of file.references) {
      const target = definedIn.get(name);
      if (target === undefined) continue;
      visit(target, fileSubject(target), seen);
      references.push({ name, subject: fileSubject(target) });
    }
    specs.push({ subject, schema: JSON.stringify(JSON.parse(file.document.text)), references, compatibility });
  };
  for (const role of ['key', 'value'] as const) {
    const ref = port[role];
    const path = ref && resolveSchemaPath(product.id, ref.schema);
    if (path !== undefined) visit(path, `${port.topic}-${role}`, new Set());
  }
  return specs;
}

/** Full name of every named type of the product → the file that defines it. */
function namedTypeFiles(product: Product): Map<string, string> {
  const definedIn = new Map<string, string>();
  const walk = (t: AvroType, seen: Set<AvroType>): void => {
    if (seen.has(t)) return;
    seen.add(t);
    if (isNamed(t) && !definedIn.has(t.name)) definedIn.set(t.name, t.file);
    if (t.type === 'record' || t.type === 'error') for (const f of t.fields) walk(f.type, seen);
    else if (t.type === 'array') walk(t.items, seen);
    else if (t.type === 'map') walk(t.values, seen);
    else if (t.type === 'union') for (const b of t.branches) walk(b, seen);
  };
  for (const file of product.schemas.values()) if (file.type) walk(file.type, new Set());
  return definedIn;
}

function dedupe(acls: readonly AclBinding[]): AclBinding[] {
  const seen = new Map<string, AclBinding>();
  for (const acl of acls) seen.set(aclKey(acl), acl);
  return [...seen.values()];
}

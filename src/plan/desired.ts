import type { Compatibility, OutputPortManifest } from '../catalog/manifest-types.js';
import type { Catalog, Product, SchemaFile } from '../catalog/model.js';
import type { Location } from '../core/findings.js';
import { subjectResource, topicResource } from './operations.js';
import { resolveSchemaPath } from '../catalog/load-product.js';
import { referencedFileSubject } from '../catalog/port-schemas.js';
import type { AvroType } from '../schema/avro-model.js';
import { childTypes, isNamed } from '../schema/avro-model.js';
import type { Environment } from '../catalog/environments.js';
import {
  deprecatedReplication,
  overridesFor,
  overrideTopic,
  overridesNotice,
  type OverrideSource,
  type TopicOverrides,
} from './overrides.js';
import { aclScope, grantingPort, inScope, managedGroups } from './acl-scope.js';
import {
  aclKey,
  type AclBinding,
  type DesiredState,
  type ResourceOrigin,
  type SubjectSpec,
  type TopicSpec,
} from './state.js';

export interface DesiredOptions {
  /**
   * The environment planned for: its overrides (replication factor, partitions, topic configs; per environment,
   * domain and product) replace what the catalog says, and each topic records which values they decided
   * (`DesiredState.overrides`), so plans say so. Default: none, the catalog's own values.
   */
  readonly environment?: Environment;
  /**
   * Deprecated (environments replace it): replaces every port's replication factor, e.g. 1 on a single-broker test
   * cluster, over any environment's override. Never silent: the plan and the report carry a notice saying so.
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
  /**
   * Consumer groups the catalog named before the change (acl-scope.ts formerGroups), with or without `only`: their
   * ACLs are read and managed too, so a removed input port or a deleted product loses its group grants.
   */
  readonly aclGroups?: readonly string[];
}

/** Fallbacks when neither the port nor .github/steward.yml says (docs/manifest.md). */
const fallback = { partitions: 6, replicationFactor: 3, compatibility: 'BACKWARD' as Compatibility };

/** What a port's topic and subjects get where the port says nothing. */
export interface PortDefaults {
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly compatibility: Compatibility;
}

/** The catalog's defaults for ports: those of .github/steward.yml, else the built-in fallbacks. */
export function portDefaults(catalog: Catalog): PortDefaults {
  return { ...fallback, ...catalog.settings?.manifest.defaults };
}

/**
 * A live port's topic and the compatibility level of its subjects as the catalog gives them, before any
 * environment's overrides: the port's own values, else `defaults`. `desiredState` plans from exactly these, and the
 * catalog site shows them, so the two cannot disagree; computing them needs no schema and no other product.
 */
export function catalogPortPlan(
  port: OutputPortManifest,
  defaults: PortDefaults,
): { readonly topic: TopicSpec; readonly compatibility: Compatibility } {
  return {
    topic: {
      name: port.topic,
      partitions: port.partitions ?? defaults.partitions,
      replicationFactor: port.replicationFactor ?? defaults.replicationFactor,
      configs: Object.fromEntries(Object.entries(port.configs ?? {}).map(([k, v]) => [k, String(v)])),
    },
    compatibility: port.compatibility ?? defaults.compatibility,
  };
}

/**
 * What the catalog wants on the cluster and in the registry. Products that are not retired own their output topics,
 * the `<topic>-key` / `<topic>-value` subjects and the ACLs of their writer and consumers; retired products are
 * listed for deletion (which the plan gates on settings). Pure.
 */
export function desiredState(catalog: Catalog, options: DesiredOptions = {}): DesiredState {
  const settings = catalog.settings?.manifest;
  const defaults = portDefaults(catalog);
  const products = [...catalog.products.values()].filter((p) => options.only?.has(p.id) ?? true);
  const defaultLine =
    settings?.defaults?.replicationFactor === undefined
      ? undefined
      : catalog.settings?.document.locate(['defaults', 'replicationFactor']);
  const owned = ownedResources(products, defaults, options, defaultLine);
  const granted = catalogAcls(catalog);
  // ACLs come from every product (manifests only, cheap), kept exactly for the resources read: a topic's other
  // consumers must stay desired, or the diff would revoke their grants.
  const scope = options.only && aclScope(catalog, options.only, options.aclTopics, options.aclGroups);
  const environmentNotice = options.environment && overridesNotice(options.environment);
  const notices = [
    ...(environmentNotice ? [environmentNotice] : []),
    ...(options.replicationFactorOverride === undefined
      ? []
      : [
          `Replication factor overridden to ${options.replicationFactorOverride} for every topic (the catalog's own values are not used).`,
        ]),
  ];
  return {
    ...owned,
    acls: scope ? granted.acls.filter((a) => inScope(a, scope)) : granted.acls,
    groups: [...(scope ? scope.groups : managedGroups(catalog, undefined, options.aclGroups))],
    ...(scope ? { aclTopics: [...scope.topics] } : {}),
    allowDeletions: settings?.allowDeletions ?? false,
    notices,
    ...(options.environment ? { environment: options.environment.name } : {}),
  };
}

/** The topics and subjects the products own, or leave behind when retired. */
function ownedResources(
  products: readonly Product[],
  defaults: PortDefaults,
  options: DesiredOptions,
  defaultLine: Location | undefined,
) {
  const topics: TopicSpec[] = [];
  const subjects = new Map<string, SubjectSpec>();
  const origins = new Map<string, ResourceOrigin>();
  const overrides = new Map<string, TopicOverrides>();
  const retired = { topics: [] as string[], subjects: [] as string[] };
  const { environment, replicationFactorOverride: flag } = options;
  const replication = flag === undefined ? undefined : deprecatedReplication(environment?.name ?? '', flag);
  for (const product of products) {
    const own = environment && overridesFor(environment, product);
    // Built on the first live port: a retired product's schemas are never read.
    let definedIn: Map<string, string> | undefined;
    for (const [index, port] of (product.manifest.outputPorts ?? []).entries()) {
      if (product.manifest.status === 'retired') {
        retired.topics.push(port.topic);
        for (const role of ['key', 'value'] as const) if (port[role]) retired.subjects.push(`${port.topic}-${role}`);
        continue;
      }
      const planned = catalogPortPlan(port, defaults);
      const { topic, overridden } = overrideTopic(planned.topic, own, replication);
      topics.push(topic);
      if (overridden) overrides.set(topicResource(port.topic), overridden);
      origins.set(topicResource(port.topic), topicOrigin(product, index, defaultLine, overridden));
      definedIn ??= namedTypeFiles(product);
      for (const spec of portSubjects(product, port, planned.compatibility, definedIn, origins))
        if (!subjects.has(spec.subject)) subjects.set(spec.subject, spec);
    }
  }
  return { topics, subjects: [...subjects.values()], retired, origins, overrides };
}

/**
 * The lines for a port's topic, its replication factor and its min.insync.replicas: the override's line in the
 * settings when an environment decided the value, else the port's (or the settings' default).
 */
function topicOrigin(
  product: Product,
  index: number,
  defaultLine: Location | undefined,
  overridden: TopicOverrides | undefined,
): ResourceOrigin {
  const port = product.manifest.outputPorts?.[index];
  const at = (...path: (string | number)[]) => product.document.locate(['outputPorts', index, ...path]);
  const location = at('topic');
  const fromSettings = (source: OverrideSource | undefined) => source?.location;
  const minInsync =
    fromSettings(overridden?.configs?.['min.insync.replicas']) ??
    (port?.configs?.['min.insync.replicas'] === undefined ? undefined : at('configs', 'min.insync.replicas'));
  return {
    location,
    replicationFactor:
      fromSettings(overridden?.replicationFactor) ??
      (port?.replicationFactor !== undefined ? at('replicationFactor') : (defaultLine ?? location)),
    ...(minInsync === undefined ? {} : { minInsyncReplicas: minInsync }),
  };
}

/** Every grant of the catalog: writers on their topics, consumers on the topics they read and on their groups. */
function catalogAcls(catalog: Catalog): { acls: AclBinding[] } {
  const acls: AclBinding[] = [];
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
    }
  }
  return { acls: dedupe(acls) };
}

/**
 * The port's key and value subjects, preceded by one subject per schema file they take named types from (named
 * after that file's top-level type), as the Confluent API wants references: registered subjects of their own. Each
 * file comes after every file it references; a work list, not recursion: files may chain thousands deep.
 */
function portSubjects(
  product: Product,
  port: OutputPortManifest,
  compatibility: Compatibility,
  definedIn: ReadonlyMap<string, string>,
  origins: Map<string, ResourceOrigin>,
): SubjectSpec[] {
  const specs: SubjectSpec[] = [];
  const fileSubject = (path: string): string => referencedFileSubject(product, path);
  for (const role of ['key', 'value'] as const) {
    const ref = port[role];
    const path = ref && resolveSchemaPath(product.id, ref.schema);
    if (path === undefined) continue;
    const seen = new Set<string>();
    const frames: Frame[] = [];
    const enter = (path: string, subject: string): void => {
      const file = product.schemas.get(path);
      if (!file || seen.has(path)) return;
      seen.add(path);
      frames.push({ subject, file, next: 0, references: [] });
    };
    enter(path, `${port.topic}-${role}`);
    while (frames.length > 0) {
      const top = frames[frames.length - 1] as Frame;
      const name = top.file.references[top.next++];
      if (name === undefined) {
        frames.pop();
        const schema = JSON.stringify(JSON.parse(top.file.document.text));
        specs.push({ subject: top.subject, schema, references: top.references, compatibility });
        origins.set(subjectResource(top.subject), subjectOrigin(top.file));
        continue;
      }
      const target = definedIn.get(name);
      if (target === undefined) continue;
      enter(target, fileSubject(target));
      top.references.push({ name, subject: fileSubject(target) });
    }
  }
  return specs;
}

/** A subject's file, as written: a break the registry would refuse is explained on its lines. */
function subjectOrigin(file: SchemaFile): ResourceOrigin {
  return { location: { path: file.path, line: 1, column: 1 }, text: file.document.text };
}

/** A file of `portSubjects`' walk: its spec is written once every file it references has been. */
interface Frame {
  readonly subject: string;
  readonly file: SchemaFile;
  /** The next of the file's references to follow. */
  next: number;
  readonly references: { name: string; subject: string }[];
}

/**
 * Full name of every named type of the product → the file that defines it (the first met, walking each file's
 * type in order). One walk over all files, each type met once: files share their named types.
 */
function namedTypeFiles(product: Product): Map<string, string> {
  const definedIn = new Map<string, string>();
  const seen = new Set<AvroType>();
  for (const file of product.schemas.values()) {
    const todo = file.type && !seen.has(file.type) ? [file.type] : [];
    for (const t of todo) seen.add(t);
    for (let t = todo.pop(); t; t = todo.pop()) {
      if (isNamed(t) && !definedIn.has(t.name)) definedIn.set(t.name, t.file);
      const children = childTypes(t);
      // Pushed last to first, so they are taken in order, as the walk in file order met them.
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i] as AvroType;
        if (seen.has(child)) continue;
        seen.add(child);
        todo.push(child);
      }
    }
  }
  return definedIn;
}

function dedupe(acls: readonly AclBinding[]): AclBinding[] {
  const seen = new Map<string, AclBinding>();
  for (const acl of acls) seen.set(aclKey(acl), acl);
  return [...seen.values()];
}

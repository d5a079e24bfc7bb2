import type { Catalog } from '../catalog/model.js';
import type { Finding } from '../core/findings.js';
import { desiredState } from '../plan/desired.js';
import { AccessIndex, describeBinding } from './access.js';
import { addConsumers } from './consumers.js';
import { emitFiles } from './emit.js';
import type { LiveState, LiveTopic } from './live.js';
import { manifestPath, newDraft, portNames, uniqueName, type ProductDraft } from './drafts.js';
import type { PortDraft } from './manifests.js';
import { placeTopic, topicPattern, type Placement } from './placement.js';
import { isPlatformTopic } from './live.js';
import { portSchemas, type PendingFinding, type SchemaContext } from './schemas.js';

export interface ImportOptions {
  /** The accountable party of every new product and domain, e.g. `@acme/platform`. */
  readonly owner: string;
  /** Only topics (and orphan subjects) whose names start with this. */
  readonly prefix?: string;
  /** How descriptions name where the import came from: the environment, or the cluster's display name. */
  readonly source: string;
  /**
   * The overrides of the environment read, for a product (plan/overrides.ts `overridesFor` fits): where they give
   * a topic its live value — replication factor, partitions, a topic config — the port leaves that value out, so
   * the catalog's default stands on the other environments and the override gives the live value on this one.
   */
  readonly overrides?: (product: { readonly id: string; readonly domainId: string }) => ImportOverrides;
  /** The deprecated `--replication-factor` override: it wins over the environment's, as on a plan. */
  readonly replicationFactorOverride?: number;
}

/** What an environment's overrides decide for one product's topics (the shape of plan/overrides.ts). */
export interface ImportOverrides {
  readonly replicationFactor?: { readonly value: number };
  readonly partitions?: { readonly value: number };
  readonly topicConfigs: ReadonlyMap<string, { readonly value: string | undefined }>;
}

export interface ImportResult {
  /** Repository path → full text: new files, and existing manifests with the ports import added. */
  readonly files: ReadonlyMap<string, string>;
  readonly findings: readonly Finding[];
  readonly topics: readonly string[];
  readonly subjects: readonly string[];
  /** Product ids written or extended. */
  readonly products: readonly string[];
}

/**
 * What the environment has that the catalog does not own, as catalog files: one output port per topic, placed in
 * a product and domain by its name (placement.ts), its schemas as `.avsc` files, its writer from the one WRITE
 * ACL, input ports for the READ ACLs of principals that other products are known by, and a finding for each
 * thing it could not infer. Pure: the same catalog and live state always give the same files.
 */
export function importLiveState(catalog: Catalog, live: LiveState, options: ImportOptions): ImportResult {
  const desired = desiredState(catalog);
  const ownedTopics = new Set([...desired.topics.map((t) => t.name), ...desired.retired.topics]);
  const ownedSubjects = new Set([...desired.subjects.map((s) => s.subject), ...desired.retired.subjects]);
  const prefix = options.prefix ?? '';
  const topics = live.topics.filter(
    (t) => t.name.startsWith(prefix) && !isPlatformTopic(t.name) && !ownedTopics.has(t.name),
  );
  const context: SchemaContext = { subjects: live.subjects, owned: ownedSubjects, piiProperty: piiProperty(catalog) };
  const access = new AccessIndex(live.acls);
  const drafts = new Map<string, ProductDraft>();
  const pending: PendingFinding[] = [];
  const used = new Set<string>();
  const pattern = topicPattern(catalog);
  for (const topic of [...topics].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const placement = clearOfCatalog(catalog, placeTopic(topic.name, pattern));
    const id = `${placement.domainId}/${placement.product}`;
    const draft = drafts.get(id) ?? newDraft(catalog, id, placement.domainId, placement.product);
    drafts.set(id, draft);
    const port = addPort(draft, topic, placement.port, context, access, options, pending);
    for (const s of port.subjects) used.add(s);
    if (!placement.fits)
      pending.push({
        ruleId: 'IMPORT_TOPIC_NAME',
        file: manifestPath(draft),
        yamlPath: port.at('topic'),
        message: `Topic ${topic.name} does not follow the TOPIC_NAMING pattern ${pattern}, so it was placed in ${id} by its name's segments; steward validate reports TOPIC_NAMING until the governance team allows the name or a new major topic under the pattern replaces it.`,
      });
  }
  addConsumers(catalog, drafts, access, desired.groups, pending);
  for (const subject of [...live.subjects.keys()].sort())
    if (subject.startsWith(prefix) && !used.has(subject) && !ownedSubjects.has(subject))
      pending.push({
        ruleId: 'IMPORT_SUBJECT_WITHOUT_TOPIC',
        file: 'catalog',
        message: `Subject ${subject} is not the key or value subject of a topic import wrote, nor referenced by one of their schemas, so it was not imported; create its topic and import again, or leave it (the catalog never touches it).`,
      });
  const { files, findings } = emitFiles(catalog, [...drafts.values()], options, pending);
  return {
    files,
    findings,
    topics: topics.map((t) => t.name).sort(),
    subjects: [...used].sort(),
    products: [...drafts.keys()].sort(),
  };
}

function addPort(
  draft: ProductDraft,
  topic: LiveTopic,
  wanted: string,
  context: SchemaContext,
  access: AccessIndex,
  options: ImportOptions,
  pending: PendingFinding[],
): { subjects: readonly string[]; at: (field: string) => (string | number)[] } {
  const name = uniqueName(portNames(draft), wanted);
  const schemas = portSchemas(topic.name, name, context, draft.files);
  const { writers, others } = access.topic(topic.name);
  const index = (draft.existing?.manifest.outputPorts?.length ?? 0) + draft.ports.length;
  const at = (field: string) => ['outputPorts', index, field];
  const file = manifestPath(draft);
  draft.pii ||= schemas.pii;
  draft.ports.push({
    name,
    topic: topic.name,
    ...(schemas.key ? { key: schemas.key } : {}),
    ...(schemas.value ? { value: schemas.value } : {}),
    ...(schemas.compatibility ? { compatibility: schemas.compatibility } : {}),
    ...topicValues(topic, draft, options),
    ...(writers[0] ? { writer: writers[0] } : {}),
  });
  pending.push(...schemas.findings);
  if (writers.length === 0)
    pending.push({
      ruleId: 'IMPORT_WRITER_UNKNOWN',
      file,
      yamlPath: at('writer'),
      message: `Topic ${topic.name} has no WRITE ACL, so its writer is unknown and port ${name} has no writer; set writer to the principal that produces to it (apply grants it WRITE and DESCRIBE).`,
    });
  if (writers.length > 1)
    pending.push({
      ruleId: 'IMPORT_SEVERAL_WRITERS',
      file,
      yamlPath: at('writer'),
      message: `Topic ${topic.name} has ${writers.length} writers (${writers.join(', ')}); port ${name} names ${writers[0]}, and apply would revoke WRITE from the others. Keep the one principal that owns the data and move the other producers to topics of their own.`,
    });
  if (!schemas.value)
    pending.push({
      ruleId: 'IMPORT_SCHEMA_MISSING',
      file,
      yamlPath: at('topic'),
      message: `Topic ${topic.name} has no ${topic.name}-value subject in the registry, so port ${name} has no value schema; write it as an .avsc file in ${draft.files.folder} and set value.schema (apply registers it).`,
    });
  for (const acl of others)
    pending.push({
      ruleId: 'IMPORT_ACL_UNMANAGED',
      file,
      yamlPath: at('topic'),
      message: `The ACL ALLOW ${describeBinding(acl)} grants on topic ${topic.name}, and the catalog cannot declare it, so apply would revoke it; grant the access through the catalog (a writer or an input port), or narrow the ACL before merging.`,
    });
  return { subjects: schemas.subjects, at };
}

/**
 * A folder is either a domain or a product: a placement whose product folder is a domain of the catalog goes one
 * level down (`commerce/sales` → `commerce/sales/sales`), and one whose domain path runs through a product goes under
 * `imported/`; either no longer fits the naming pattern, which the finding says.
 */
function clearOfCatalog(catalog: Catalog, placement: Placement): Placement {
  const segments = placement.domainId.split('/');
  const throughProduct = segments.some((_, i) => catalog.products.has(segments.slice(0, i + 1).join('/')));
  if (throughProduct) return { ...placement, domainId: `imported/${segments.join('-')}`, fits: false };
  const id = `${placement.domainId}/${placement.product}`;
  return catalog.domains.has(id) ? { ...placement, domainId: id, fits: false } : placement;
}

/** The topic's values as a port writes them: those the environment's overrides give it anyway are left out. */
function topicValues(
  topic: LiveTopic,
  draft: ProductDraft,
  options: ImportOptions,
): Pick<PortDraft, 'partitions' | 'replicationFactor' | 'configs'> {
  const overrides = options.overrides?.(draft);
  const replication = options.replicationFactorOverride ?? overrides?.replicationFactor?.value;
  const configs = Object.fromEntries(
    Object.entries(topic.configs).filter(([key, value]) => overrides?.topicConfigs.get(key)?.value !== value),
  );
  return {
    ...(overrides?.partitions?.value === topic.partitions ? {} : { partitions: topic.partitions }),
    ...(replication === topic.replicationFactor ? {} : { replicationFactor: topic.replicationFactor }),
    configs,
  };
}

/** The schema property that marks personal data (PII_CLASSIFICATION's `property`), `pii` by default. */
function piiProperty(catalog: Catalog): string {
  for (const file of catalog.rules) {
    const property = file.manifest.rules['PII_CLASSIFICATION']?.['property'];
    if (typeof property === 'string') return property;
  }
  return 'pii';
}

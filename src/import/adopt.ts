import { resolveSchemaPath } from '../catalog/load-product.js';
import type { Catalog, Product } from '../catalog/model.js';
import type { Finding } from '../core/findings.js';
import type { Compatibility } from '../catalog/manifest-types.js';
import { desiredState } from '../plan/desired.js';
import { sameSchema } from '../plan/diff.js';
import type { TopicSpec } from '../plan/state.js';
import { AccessIndex } from './access.js';
import { importLiveState, type ImportOptions } from './import.js';
import { latestOf, type LiveState, type LiveTopic } from './live.js';
import { editYaml, type YamlEdit } from './yaml-edit.js';

/**
 * The catalog changed to match the live state — what an adopting pull request proposes when the cluster drifted:
 * for each topic the catalog owns, its partitions, replication factor (unless an override gives it), configs
 * (set on the topic, and removed when the topic has none set and the declared value is not its default), its
 * value subject's level, its writer when exactly one principal may write it, and the latest schema of its subjects;
 * for what the catalog does not own, what `importLiveState` writes. Manifests keep everything else as written.
 * Returns repository path → new text (changed files only) and the import's findings. Pure.
 */
export function adoptLiveState(
  catalog: Catalog,
  live: LiveState,
  options: ImportOptions,
): { files: Map<string, string>; findings: readonly Finding[] } {
  const imported = importLiveState(catalog, live, options);
  const files = new Map(imported.files);
  const access = new AccessIndex(live.acls);
  const topics = new Map(live.topics.map((t) => [t.name, t]));
  // What the catalog says once its defaults are filled in: a port that leaves a value to the defaults keeps doing
  // so while the live value equals the default.
  const said = desiredState(catalog);
  const saidTopics = new Map(said.topics.map((t) => [t.name, t]));
  const saidLevels = new Map(said.subjects.map((s) => [s.subject, s.compatibility]));
  for (const product of catalog.products.values()) {
    if (product.manifest.status === 'retired') continue;
    const edits = (product.manifest.outputPorts ?? []).flatMap((port, i) => {
      const topic = topics.get(port.topic);
      if (!topic) return [];
      for (const [path, text] of schemaFiles(product, port.topic, port.key?.schema, port.value?.schema, live))
        files.set(path, text);
      return portEdits(product, i, topic, live, access, options, {
        topic: saidTopics.get(topic.name),
        level: saidLevels.get(`${topic.name}-value`),
      });
    });
    const path = product.document.path;
    const text = editYaml(files.get(path) ?? product.document.text, edits);
    if (text !== product.document.text) files.set(path, text);
  }
  return { files, findings: imported.findings };
}

function portEdits(
  product: Product,
  index: number,
  topic: LiveTopic,
  live: LiveState,
  access: AccessIndex,
  options: ImportOptions,
  said: { readonly topic: TopicSpec | undefined; readonly level: Compatibility | undefined },
): YamlEdit[] {
  const port = product.manifest.outputPorts?.[index];
  if (!port) return [];
  const at = (...path: string[]) => ['outputPorts', index, ...path];
  const overrides = options.overrides?.(product);
  const edits: YamlEdit[] = [];
  if (overrides?.partitions === undefined && (port.partitions ?? said.topic?.partitions) !== topic.partitions)
    edits.push({ kind: 'set', path: at('partitions'), value: topic.partitions });
  const replication = options.replicationFactorOverride ?? overrides?.replicationFactor?.value;
  if (
    replication === undefined &&
    (port.replicationFactor ?? said.topic?.replicationFactor) !== topic.replicationFactor
  )
    edits.push({ kind: 'set', path: at('replicationFactor'), value: topic.replicationFactor });
  const declared = Object.fromEntries(Object.entries(port.configs ?? {}).map(([k, v]) => [k, String(v)]));
  for (const [key, value] of Object.entries(topic.configs))
    if (declared[key] !== value && overrides?.topicConfigs.get(key) === undefined)
      edits.push({ kind: 'set', path: at('configs', key), value });
  for (const [key, value] of Object.entries(declared))
    if (!(key in topic.configs) && topic.defaults?.[key] !== value && overrides?.topicConfigs.get(key) === undefined)
      edits.push({ kind: 'remove', path: at('configs', key) });
  const level = live.subjects.get(`${topic.name}-value`)?.compatibility;
  if (level !== undefined && level !== (port.compatibility ?? said.level))
    edits.push({ kind: 'set', path: at('compatibility'), value: level });
  const { writers } = access.topic(topic.name);
  if (writers.length === 1 && writers[0] !== port.writer)
    edits.push({ kind: 'set', path: at('writer'), value: writers[0] as string });
  return edits;
}

/** The port's schema files whose subject's latest version differs: the live schema, pretty-printed. */
function schemaFiles(
  product: Product,
  topic: string,
  key: string | undefined,
  value: string | undefined,
  live: LiveState,
): [string, string][] {
  const changed: [string, string][] = [];
  for (const [role, ref] of [
    ['key', key],
    ['value', value],
  ] as const) {
    const path = ref === undefined ? undefined : resolveSchemaPath(product.id, ref);
    const subject = live.subjects.get(`${topic}-${role}`);
    const file = path === undefined ? undefined : product.schemas.get(path);
    if (!path || !subject || !file) continue;
    const latest = latestOf(subject);
    const spec = {
      subject: subject.subject,
      schema: file.document.text,
      references: latest.references,
      compatibility: subject.compatibility,
    };
    if (sameSchema(spec, latest)) continue;
    changed.push([path, `${JSON.stringify(JSON.parse(latest.schema), null, 2)}\n`]);
  }
  return changed;
}

import { effectiveCompatibility, isLoosening } from './compatibility.js';
import type { Location } from '../core/findings.js';
import type { Change } from './diff.js';
import type { Compatibility, InputPortManifest, OutputPortManifest } from './manifest-types.js';
import type { Catalog, Product } from './model.js';
import { portSchemaFiles } from './port-schemas.js';

/** The port half of a product's diff: output ports (settings, level, schemas) and input ports, matched by name. */
export function diffOutputPorts(base: Product, head: Product, baseCatalog: Catalog, headCatalog: Catalog): Change[] {
  const changes: Change[] = [];
  const basePorts = new Map((base.manifest.outputPorts ?? []).map((p, i) => [p.name, { port: p, index: i }]));
  (head.manifest.outputPorts ?? []).forEach((port, index) => {
    const previous = basePorts.get(port.name);
    if (previous) changes.push(...diffOutputPort({ base, head, baseCatalog, headCatalog, port, index, previous }));
    else {
      const location = head.document.locate(['outputPorts', index]);
      changes.push({ kind: 'output-port-added', productId: head.id, port: port.name, topic: port.topic, location });
    }
  });
  const headNames = new Set((head.manifest.outputPorts ?? []).map((p) => p.name));
  for (const [name, { port, index }] of basePorts) {
    if (headNames.has(name)) continue;
    const location = base.document.locate(['outputPorts', index]);
    changes.push({ kind: 'output-port-removed', productId: head.id, port: name, topic: port.topic, location });
  }
  return changes;
}

/** One output port present on both sides, matched by name. */
interface PortPair {
  readonly base: Product;
  readonly head: Product;
  readonly baseCatalog: Catalog;
  readonly headCatalog: Catalog;
  readonly port: OutputPortManifest;
  readonly index: number;
  readonly previous: { readonly port: OutputPortManifest; readonly index: number };
}

/** What changed on one port: its topic settings, its effective compatibility level, its key and value schemas. */
function diffOutputPort(pair: PortPair): Change[] {
  const { base, head, port, index, previous } = pair;
  const changes: Change[] = [];
  const common = { productId: head.id, port: port.name };
  const location = head.document.locate(['outputPorts', index]);
  const previousLocation = base.document.locate(['outputPorts', previous.index]);
  const settings = changedSettings(previous.port, port);
  if (settings.length > 0)
    changes.push({ kind: 'topic-settings-changed', ...common, settings, location, previousLocation });
  const from = effectiveCompatibility(
    previous.port.compatibility,
    pair.baseCatalog.settings?.manifest.defaults?.compatibility,
  );
  const to = effectiveCompatibility(port.compatibility, pair.headCatalog.settings?.manifest.defaults?.compatibility);
  if (from !== to) {
    const at = head.document.locate(['outputPorts', index, 'compatibility']);
    changes.push({
      kind: 'compatibility-changed',
      ...common,
      from,
      to,
      loosened: isLoosening(from, to),
      location: at,
      previousLocation,
    });
  }
  for (const role of ['key', 'value'] as const) {
    const change = diffPortSchema(pair, role, to, previousLocation);
    if (change) changes.push(change);
  }
  return changes;
}

/** The port's key or value schema, changed when its file or any file it takes named types from changed. */
function diffPortSchema(
  { base, head, port, index, previous }: PortPair,
  role: 'key' | 'value',
  level: Compatibility,
  previousLocation: Location,
): Change | undefined {
  const before = portSchemaFiles(base, previous.port, role);
  const after = portSchemaFiles(head, port, role);
  if (!before || !after || before.text === after.text) return undefined;
  const through = after.references.filter(
    (p) => base.schemas.get(p)?.document.text !== head.schemas.get(p)?.document.text,
  );
  return {
    kind: 'schema-changed',
    productId: head.id,
    port: port.name,
    role,
    path: after.path,
    previousPath: before.path,
    level,
    through,
    location: head.document.locate(['outputPorts', index, role, 'schema']),
    previousLocation,
  };
}

function changedSettings(a: OutputPortManifest, b: OutputPortManifest): string[] {
  const settings: string[] = [];
  for (const key of ['topic', 'partitions', 'replicationFactor', 'writer'] as const)
    if (a[key] !== b[key]) settings.push(key);
  const keys = new Set([...Object.keys(a.configs ?? {}), ...Object.keys(b.configs ?? {})]);
  for (const key of [...keys].sort())
    if (String(a.configs?.[key]) !== String(b.configs?.[key])) settings.push(`configs.${key}`);
  return settings;
}

export function diffInputPorts(base: Product, head: Product): Change[] {
  const key = (i: InputPortManifest) => `${i.product}#${i.port}|${i.principal}|${i.consumerGroup}`;
  const before = new Set((base.manifest.inputPorts ?? []).map(key));
  const after = new Set((head.manifest.inputPorts ?? []).map(key));
  const changes: Change[] = [];
  (head.manifest.inputPorts ?? []).forEach((input, i) => {
    if (!before.has(key(input)))
      changes.push({
        kind: 'input-port-added',
        productId: head.id,
        input,
        location: head.document.locate(['inputPorts', i]),
      });
  });
  (base.manifest.inputPorts ?? []).forEach((input, i) => {
    if (!after.has(key(input)))
      changes.push({
        kind: 'input-port-removed',
        productId: head.id,
        input,
        location: base.document.locate(['inputPorts', i]),
      });
  });
  return changes;
}

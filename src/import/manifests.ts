import type { Compatibility } from '../catalog/manifest-types.js';
import { renderYaml, type YamlValue } from './yaml-write.js';

/** An output port as import writes it: only what the cluster says, nothing guessed. */
export interface PortDraft {
  readonly name: string;
  readonly topic: string;
  readonly key?: string;
  readonly value?: string;
  readonly compatibility?: Compatibility;
  /** Left out (as the two below) when the environment's override gives the live value anyway. */
  readonly partitions?: number;
  readonly replicationFactor?: number;
  readonly configs: Readonly<Record<string, string>>;
  readonly writer?: string;
}

export interface InputDraft {
  readonly name: string;
  readonly product: string;
  readonly port: string;
  readonly principal: string;
  readonly consumerGroup?: string;
}

/** The `outputPorts` item of a port, keys in the order docs/manifest.md lists them. */
export function portItem(port: PortDraft): { [key: string]: YamlValue } {
  const configs = Object.fromEntries(Object.entries(port.configs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    name: port.name,
    topic: port.topic,
    ...(port.key ? { key: { schema: port.key } } : {}),
    ...(port.value ? { value: { schema: port.value } } : {}),
    ...(port.compatibility ? { compatibility: port.compatibility } : {}),
    ...(port.partitions === undefined ? {} : { partitions: port.partitions }),
    ...(port.replicationFactor === undefined ? {} : { replicationFactor: port.replicationFactor }),
    ...(Object.keys(configs).length > 0 ? { configs } : {}),
    ...(port.writer ? { writer: port.writer } : {}),
  };
}

export function inputItem(input: InputDraft): { [key: string]: YamlValue } {
  return {
    name: input.name,
    product: input.product,
    port: input.port,
    principal: input.principal,
    ...(input.consumerGroup ? { consumerGroup: input.consumerGroup } : {}),
  };
}

/** The modeline that lets editors validate a manifest: one `../` per folder between it and the repository root. */
function modeline(path: string, schema: string): string {
  const depth = path.split('/').length - 1;
  return `# yaml-language-server: $schema=${'../'.repeat(depth)}schemas/${schema}\n`;
}

export interface NewProduct {
  readonly path: string;
  readonly name: string;
  readonly source: string;
  readonly owner: string;
  readonly classification: 'internal' | 'restricted';
  readonly ports: readonly PortDraft[];
  readonly inputs: readonly InputDraft[];
}

/**
 * A new product's manifest: a draft (REQUIRED_METADATA waits for drafts) accountable to `owner`, whose description
 * says where it came from; restricted when a schema marks a field as personal data, else internal.
 */
export function renderProduct(product: NewProduct): string {
  const topics = product.ports.map((p) => p.topic);
  const shown =
    topics.length > 3 ? `${topics.slice(0, 3).join(', ')} and ${topics.length - 3} more` : topics.join(', ');
  const manifest: { [key: string]: YamlValue } = {
    apiVersion: 'mesh-steward/v1',
    kind: 'DataProduct',
    name: product.name,
    description: `Imported by steward import from ${product.source} (${shown || 'no topics'}). Say what one record means and who it is for.`,
    status: 'draft',
    classification: product.classification,
    owners: { accountable: [product.owner] },
    ...(product.ports.length > 0 ? { outputPorts: product.ports.map(portItem) } : {}),
    ...(product.inputs.length > 0 ? { inputPorts: product.inputs.map(inputItem) } : {}),
  };
  return modeline(product.path, 'product.v1.schema.json') + renderYaml(manifest);
}

export function renderDomain(path: string, name: string, owner: string, source: string): string {
  const manifest = {
    apiVersion: 'mesh-steward/v1',
    kind: 'Domain',
    name,
    description: `Imported by steward import from ${source}. Say what the domain covers.`,
    owners: [owner],
  };
  return modeline(path, 'domain.v1.schema.json') + renderYaml(manifest);
}

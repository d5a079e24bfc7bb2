import type { InputPortManifest, OutputPortManifest } from '../catalog/manifest-types.js';
import { catalogPath, type Product } from '../catalog/model.js';
import { renderSequence, renderYaml, type YamlValue } from '../import/yaml-write.js';

/**
 * The input port a consumer adds to read an output port — an access request and a lineage edge — drafted from the
 * catalog so that it validates as it is: the site shows it, `steward request-access` writes it, and a new
 * consumer product's manifest carries it. Pure.
 */
export interface InputPortChoices {
  readonly name?: string;
  readonly principal?: string;
  readonly consumerGroup?: string;
}

/** Where the catalog lives on GitHub (or GitHub Enterprise): what "Request access" links open. */
export interface RepositoryRef {
  /** `https://github.com/OWNER/REPO`, without `.git` or a trailing slash. */
  readonly url: string;
  /** The applying branch: where a new consumer product's pull request goes. */
  readonly branch: string;
}

/**
 * The input port for `consumer` (undefined: a consumer not yet known), each value the caller's choice or a
 * default: the producer's name (then `<name>-<port>`, then a number, so it is unique among the consumer's inputs),
 * the one principal the consumer already reads or writes with, and `<consumer id with dots>.<port>` as group.
 * `principal` is undefined when the consumer has no single principal to reuse and none was given.
 */
export function draftInputPort(
  producer: Product,
  port: OutputPortManifest,
  consumer: { readonly id: string; readonly product?: Product },
  choices: InputPortChoices = {},
): Omit<InputPortManifest, 'principal'> & { readonly principal: string | undefined } {
  const taken = new Set((consumer.product?.manifest.inputPorts ?? []).map((i) => i.name));
  const candidates = [producer.manifest.name, `${producer.manifest.name}-${port.name}`];
  let name = choices.name ?? candidates.find((c) => !taken.has(c));
  for (let n = 2; name === undefined; n++) if (!taken.has(`${candidates[1]}-${n}`)) name = `${candidates[1]}-${n}`;
  return {
    name,
    product: producer.id,
    port: port.name,
    principal: choices.principal ?? soleValue(consumerPrincipals(consumer.product)),
    consumerGroup: choices.consumerGroup ?? `${consumer.id.replace(/\//g, '.')}.${port.name}`,
  };
}

function consumerPrincipals(product: Product | undefined): string[][] {
  const m = product?.manifest;
  return [(m?.inputPorts ?? []).map((i) => i.principal), (m?.outputPorts ?? []).map((p) => p.writer)];
}

/** The principal its inputs all use, else the one its outputs all write with, else none. */
function soleValue(groups: readonly (readonly string[])[]): string | undefined {
  for (const values of groups) {
    const distinct = [...new Set(values)];
    if (distinct.length === 1) return distinct[0];
    if (distinct.length > 1) return undefined;
  }
  return undefined;
}

/** The YAML lines of one input port as an item of `inputPorts:` (two-space indent, as the example catalog writes). */
export function inputPortSnippet(input: InputPortManifest | ReturnType<typeof draftInputPort>): string {
  const item: Record<string, YamlValue> = {
    name: input.name,
    product: input.product,
    port: input.port,
    principal: input.principal ?? 'User:<your-service-account>',
    consumerGroup: input.consumerGroup,
  };
  return ['inputPorts:', ...renderSequence([item], 2)].join('\n');
}

/**
 * A new consumer product's manifest that reads the port and validates as it is (a draft, owned by a placeholder
 * team of the producer's organisation), at a folder beside the producer that `exists` says is free: the pull
 * request's author moves it to its own domain and names its owners before asking for review.
 */
export function newConsumerManifest(
  producer: Product,
  port: OutputPortManifest,
  exists: (productId: string) => boolean = () => false,
): { path: string; text: string } {
  let name = `${producer.manifest.name.slice(0, 52)}-consumer`;
  for (let n = 2; exists(`${producer.domainId}/${name}`); n++)
    name = `${producer.manifest.name.slice(0, 52)}-consumer-${n}`;
  const id = `${producer.domainId}/${name}`;
  const org = /^@([^/]+)\//.exec(producer.manifest.owners.accountable[0] ?? '')?.[1] ?? 'your-org';
  const input = draftInputPort(producer, port, { id }, { principal: `User:svc-${name}` });
  const manifest = {
    apiVersion: 'mesh-steward/v1',
    kind: 'DataProduct',
    name,
    description: `Reads ${producer.id}#${port.name}. Say what this product does with it.`,
    status: 'draft',
    classification: producer.manifest.classification,
    owners: { accountable: [`@${org}/your-team`] },
    inputPorts: [{ ...input, principal: input.principal ?? `User:svc-${name}` }],
  };
  const header = [
    `# A new product that reads ${producer.id}#${port.name}. Before you propose it: move it to your own folder`,
    '# (catalog/<your domain>/<your product>/product.yaml, with `name` its folder name), name your team as',
    '# accountable, and set the principal and consumer group your service uses.',
  ].join('\n');
  return { path: catalogPath(id, 'product.yaml'), text: `${header}\n${renderYaml(manifest)}` };
}

/**
 * GitHub's "new file" page for `path` on the repository's branch, prefilled with `text`: it opens the editor, and
 * committing there proposes the file as a pull request. Undefined unless the repository URL is http(s).
 */
export function newFileUrl(repository: RepositoryRef, path: string, text: string): string | undefined {
  const base = repositoryWebUrl(repository.url);
  if (base === undefined) return undefined;
  const branch = repository.branch.split('/').map(encodeURIComponent).join('/');
  return `${base}/new/${branch}?${new URLSearchParams({ filename: path, value: text }).toString()}`;
}

/** The repository's web URL, normalised (no `.git`, no trailing slash), or undefined when it is not http(s). */
export function repositoryWebUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  if (parsed.username || parsed.password || parsed.search || parsed.hash) return undefined;
  const path = parsed.pathname.replace(/\/+$/, '').replace(/\.git$/, '');
  if (!/^\/[^/]+\/[^/]+$/.test(path)) return undefined;
  return `${parsed.origin}${path}`;
}

/** The command that adds the input port to an existing consumer's manifest. */
export function requestAccessCommand(producerId: string, port: string, consumer = 'YOUR/PRODUCT'): string {
  return `steward request-access ${producerId}#${port} --for ${consumer}`;
}

import type { Catalog } from '../catalog/model.js';

/** Where an imported topic goes in the catalog: the domain folder, the product folder and the port's name. */
export interface Placement {
  /** Domain path under catalog/, e.g. `commerce/sales`. */
  readonly domainId: string;
  readonly product: string;
  readonly port: string;
  /** False when the name does not fit the TOPIC_NAMING pattern, so the placement is a guess from its segments. */
  readonly fits: boolean;
}

const defaultPattern = '{domain}.{product}.v{version}';
const kebab = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The mesh-wide TOPIC_NAMING pattern import places topics by: the first one rules/ sets, else the built-in. */
export function topicPattern(catalog: Catalog): string {
  for (const file of catalog.rules) {
    const setting = file.manifest.rules['TOPIC_NAMING'];
    if (setting?.enabled === false) continue;
    const pattern = setting?.['pattern'];
    const first = Array.isArray(pattern) ? (pattern[0] as unknown) : pattern;
    if (typeof first === 'string') return first;
  }
  return defaultPattern;
}

/**
 * Reads a topic name the way the pattern writes one: `{domain}` is one or more dot-separated segments, `{product}`
 * and `{port}` one segment, `{version}` a number. `sales.orders.v1` under the default pattern is port `orders-v1`
 * of product `orders` in domain `sales`. A name that does not fit is placed by its segments (the last a product,
 * the ones before it the domain, a trailing `vN` the version), each made kebab-case, and marked as a guess.
 */
export function placeTopic(topic: string, pattern: string): Placement {
  const fitted = matchPattern(topic, pattern);
  if (fitted) return fitted;
  const segments = topic.split('.').filter((s) => s !== '');
  const version = /^v(\d+)$/.exec(segments[segments.length - 1] ?? '')?.[1];
  if (version !== undefined) segments.pop();
  const product = kebabName(segments.pop() ?? topic);
  const domain = segments.map(kebabName);
  return {
    domainId: (domain.length > 0 ? domain : ['imported']).join('/'),
    product,
    port: version === undefined ? product : `${product}-v${version}`,
    fits: false,
  };
}

function matchPattern(topic: string, pattern: string): Placement | undefined {
  const names: string[] = [];
  const source = pattern
    .split(/(\{[a-z]+\})/)
    .map((part) => {
      const name = /^\{([a-z]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return name === 'domain' ? '([a-z0-9-]+(?:\\.[a-z0-9-]+)*)' : name === 'version' ? '(\\d+)' : '([a-z0-9-]+)';
    })
    .join('');
  // Topic names are at most 249 characters and the groups are few: the backtracking is bounded.
  const match = new RegExp(`^${source}$`).exec(topic);
  if (!match) return undefined;
  const value = (name: string) => (names.includes(name) ? match[names.indexOf(name) + 1] : undefined);
  const domain = value('domain')?.split('.') ?? [];
  const product = value('product');
  if (product === undefined || domain.length === 0 || ![...domain, product].every((s) => kebab.test(s)))
    return undefined;
  const version = value('version');
  const port = value('port') ?? (version === undefined ? product : `${product}-v${version}`);
  if (!kebab.test(port)) return undefined;
  return { domainId: domain.join('/'), product, port, fits: true };
}

/** A segment as a kebab-case folder name: `Order_Events` → `order-events`. */
export function kebabName(segment: string): string {
  const name = segment
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return name === '' ? 'unnamed' : /^[a-z]/.test(name) ? name : `t-${name}`;
}

import { at, type RuleDefinition, type RuleFinding } from '../rule-types.js';
import { tighteners } from '../tighten.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Turns `{domain}.{product}.v{version}` into a regular expression for one port. */
function topicRegex(pattern: string, values: Record<string, string>): RegExp {
  const source = pattern
    .split(/(\{[a-z]+\})/)
    .map((part) => {
      const name = /^\{([a-z]+)\}$/.exec(part)?.[1];
      if (name === 'version') return '(\\d+)';
      if (name !== undefined && values[name] !== undefined) return escape(values[name]);
      return escape(part);
    })
    .join('');
  return new RegExp(`^${source}$`);
}

function list(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

export const topicNaming: RuleDefinition = {
  id: 'TOPIC_NAMING',
  purpose: 'Topic names follow the mesh-wide pattern, so anyone can tell owner and version from a topic name.',
  defaults: { enabled: true, severity: 'error', params: { pattern: '{domain}.{product}.v{version}' } },
  // A domain's pattern applies on top of the global one: both must match, so an override can only tighten.
  tighten: tighteners.union('pattern'),
  checkProduct: ({ product, params }) => {
    const findings: RuleFinding[] = [];
    const values = { domain: product.domainId.replace(/\//g, '.'), product: product.manifest.name };
    product.manifest.outputPorts?.forEach((port, i) => {
      for (const pattern of list(params['pattern'])) {
        const match = topicRegex(pattern, { ...values, port: port.name }).exec(port.topic);
        const portVersion = /-v(\d+)$/.exec(port.name)?.[1];
        const location = product.document.locate(['outputPorts', i, 'topic']);
        if (!match) {
          const example = pattern.replace(/\{(\w+)\}/g, (_, k: string) =>
            k === 'version' ? (portVersion ?? '1') : ((values as Record<string, string>)[k] ?? port.name),
          );
          findings.push(
            at(
              location,
              `Topic ${port.topic} of port ${port.name} does not follow the pattern ${pattern}; name it ${example}.`,
            ),
          );
        } else if (portVersion !== undefined && match[1] !== undefined && match[1] !== portVersion) {
          findings.push(
            at(
              location,
              `Topic ${port.topic} carries version ${match[1]} but its port ${port.name} is version ${portVersion}; make the two agree.`,
            ),
          );
        }
      }
    });
    return findings;
  },
};

export const productNaming: RuleDefinition = {
  id: 'PRODUCT_NAMING',
  purpose: 'Product names follow the mesh-wide convention.',
  defaults: { enabled: true, severity: 'error', params: { pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' } },
  tighten: tighteners.union('pattern'),
  checkProduct: ({ product, params }) =>
    list(params['pattern'])
      .filter((pattern) => !safeRegex(pattern).test(product.manifest.name))
      .map((pattern) =>
        at(
          product.document.locate(['name']),
          `Product name ${product.manifest.name} does not match ${pattern}; rename the product and its folder.`,
        ),
      ),
};

function safeRegex(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    return /(?:)/;
  }
}

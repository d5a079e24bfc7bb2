import { topicTemplateProblem } from '../../catalog/validate-rule-settings.js';
import { compilePattern, matchWhole, quotePattern, testPattern, type CompiledPattern } from '../../core/patterns.js';
import { at, type RuleDefinition, type RuleFinding } from '../rule-types.js';
import { tighteners } from '../tighten.js';

/**
 * Turns `{domain}.{product}.v{version}` into a pattern for one port: placeholders become the port's own (quoted)
 * names, `{version}` a number, everything else literal text. Matched by the linear-time engine, since a template
 * with many `{version}`s would make a backtracking one explode.
 */
function topicPattern(template: string, values: Record<string, string>): CompiledPattern {
  const problem = topicTemplateProblem(template);
  if (problem !== undefined) return { ok: false, source: template, reason: problem };
  const source = template
    .split(/(\{[a-z]+\})/)
    .map((part) => {
      const name = /^\{([a-z]+)\}$/.exec(part)?.[1];
      if (name === 'version') return '(\\d+)';
      if (name !== undefined && values[name] !== undefined) return quotePattern(values[name]);
      return part === '' ? '' : quotePattern(part);
    })
    .join('');
  const compiled = compilePattern(source, Infinity);
  return compiled.ok ? compiled : { ...compiled, source: template };
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
        const compiled = topicPattern(pattern, { ...values, port: port.name });
        const location = product.document.locate(['outputPorts', i, 'topic']);
        if (!compiled.ok) {
          findings.push(at(location, unusable('TOPIC_NAMING', `Topic ${port.topic} of port ${port.name}`, compiled)));
          continue;
        }
        const match = matchWhole(compiled, port.topic);
        const portVersion = /-v(\d+)$/.exec(port.name)?.[1];
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
  // A pattern that cannot be compiled fails every product (fail closed) instead of matching everything.
  checkProduct: ({ product, params }) =>
    list(params['pattern']).flatMap((pattern) => {
      const compiled = compilePattern(pattern);
      const location = product.document.locate(['name']);
      if (!compiled.ok) return [at(location, unusable('PRODUCT_NAMING', `Product ${product.manifest.name}`, compiled))];
      if (testPattern(compiled, product.manifest.name)) return [];
      return [
        at(
          location,
          `Product name ${product.manifest.name} does not match ${pattern}; rename the product and its folder.`,
        ),
      ];
    }),
};

function unusable(ruleId: string, subject: string, pattern: Extract<CompiledPattern, { ok: false }>): string {
  return `${subject} cannot be checked: the ${ruleId} pattern ${JSON.stringify(pattern.source)} ${pattern.reason}; the governance team fixes it in rules/ or the domain.yaml that sets it (RULE_PATTERN_INVALID says where).`;
}

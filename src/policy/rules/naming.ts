import { topicTemplateProblem } from '../../catalog/validate-rule-settings.js';
import { compilePattern, matchWhole, quotePattern, testPattern, type CompiledPattern } from '../../core/patterns.js';
import type { RuleId } from '../../rules/registry.js';
import { at, type RuleDefinition, type RuleFinding } from '../rule-types.js';
import { tighteners } from '../tighten.js';

type TopicMatch =
  { readonly ok: true; readonly groups: (string | undefined)[] | undefined } | Extract<CompiledPattern, { ok: false }>;

/**
 * Matches a topic against `{domain}.{product}.v{version}` for one port: placeholders stand for the port's own
 * names, `{version}` for a number, everything else for itself. With at most one `{version}` (every real template)
 * that is plain string comparison; more go to the linear-time engine, since `(\d+)(\d+)…` would make a
 * backtracking one explode. `groups[1]` is the first version.
 */
function matchTopic(template: string, values: Record<string, string>, topic: string): TopicMatch {
  const problem = topicTemplateProblem(template);
  if (problem !== undefined) return { ok: false, source: template, reason: problem };
  const parts = template.split(/(\{[a-z]+\})/).map((part) => {
    const name = /^\{([a-z]+)\}$/.exec(part)?.[1];
    return name === 'version' ? undefined : name !== undefined ? (values[name] ?? part) : part;
  });
  const slot = parts.indexOf(undefined);
  if (slot < 0) return { ok: true, groups: topic === parts.join('') ? [topic] : undefined };
  if (parts.lastIndexOf(undefined) === slot) {
    const prefix = parts.slice(0, slot).join('');
    const suffix = parts.slice(slot + 1).join('');
    const version = topic.slice(prefix.length, topic.length - suffix.length);
    const fits = topic.length > prefix.length + suffix.length && topic.startsWith(prefix) && topic.endsWith(suffix);
    return { ok: true, groups: fits && /^\d+$/.test(version) ? [topic, version] : undefined };
  }
  const source = parts.map((part) => (part === undefined ? '(\\d+)' : part === '' ? '' : quotePattern(part))).join('');
  const compiled = compilePattern(source, Infinity);
  if (!compiled.ok) return { ...compiled, source: template };
  return { ok: true, groups: matchWhole(compiled, topic) };
}

function list(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

export const topicNaming: RuleDefinition = {
  id: 'TOPIC_NAMING',
  defaults: { enabled: true, severity: 'error', params: { pattern: '{domain}.{product}.v{version}' } },
  // A domain's pattern applies on top of the global one: both must match, so an override can only tighten.
  tighten: tighteners.union('pattern'),
  checkProduct: ({ product, params }) => {
    const findings: RuleFinding[] = [];
    const values = { domain: product.domainId.replace(/\//g, '.'), product: product.manifest.name };
    product.manifest.outputPorts?.forEach((port, i) => {
      for (const pattern of list(params['pattern'])) {
        const result = matchTopic(pattern, { ...values, port: port.name }, port.topic);
        const location = () => product.document.locate(['outputPorts', i, 'topic']);
        if (!result.ok) {
          findings.push(at(location(), unusable('TOPIC_NAMING', `Topic ${port.topic} of port ${port.name}`, result)));
          continue;
        }
        const match = result.groups;
        const portVersion = /-v(\d+)$/.exec(port.name)?.[1];
        if (!match) {
          const example = pattern.replace(/\{(\w+)\}/g, (_, k: string) =>
            k === 'version' ? (portVersion ?? '1') : ((values as Record<string, string>)[k] ?? port.name),
          );
          findings.push(
            at(
              location(),
              `Topic ${port.topic} of port ${port.name} does not follow the pattern ${pattern}; name it ${example}.`,
            ),
          );
        } else if (portVersion !== undefined && match[1] !== undefined && match[1] !== portVersion) {
          findings.push(
            at(
              location(),
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
  defaults: { enabled: true, severity: 'error', params: { pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' } },
  tighten: tighteners.union('pattern'),
  // A pattern that cannot be compiled fails every product (fail closed) instead of matching everything.
  checkProduct: ({ product, params }) =>
    list(params['pattern']).flatMap((pattern) => {
      const compiled = compilePattern(pattern);
      const location = () => product.document.locate(['name']);
      if (!compiled.ok)
        return [at(location(), unusable('PRODUCT_NAMING', `Product ${product.manifest.name}`, compiled))];
      if (testPattern(compiled, product.manifest.name)) return [];
      return [
        at(
          location(),
          `Product name ${product.manifest.name} does not match ${pattern}; rename the product and its folder.`,
        ),
      ];
    }),
};

function unusable(ruleId: RuleId, subject: string, pattern: Extract<CompiledPattern, { ok: false }>): string {
  return `${subject} cannot be checked: the ${ruleId} pattern ${JSON.stringify(pattern.source)} ${pattern.reason}; the governance team fixes it in rules/ or the domain.yaml that sets it (RULE_PATTERN_INVALID says where).`;
}

import { builtInRules } from '../policy/rules/index.js';
import { escapeText } from '../render/markdown.js';

const usage = [
  '`/steward recheck` — evaluate this pull request again.',
  '`/steward explain <RULE_ID>` — what a rule is for and how it is configured.',
  '`/steward accept-breaking <reason>` — as the Accountable party of a product, accept its breaking change (recorded with the reason; approvals still apply).',
];

/** The reply to `/steward explain`: a built-in rule's purpose and defaults, or where other rule ids are documented. */
export function renderExplanation(ruleId: string): string {
  const rule = builtInRules.find((r) => r.id === ruleId);
  if (!rule)
    return `\`${ruleId}\` is not a governance rule. Validation and compatibility rule ids are documented in \`docs/rules.md\` and \`docs/compat.md\`.`;
  const params = Object.keys(rule.defaults.params);
  return [
    `### \`${rule.id}\``,
    '',
    escapeText(rule.purpose),
    '',
    `Default: ${rule.defaults.enabled ? `on, severity **${rule.defaults.severity}**` : 'off'}${params.length > 0 ? `; parameters: ${params.map((p) => `\`${escapeText(p)}\``).join(', ')}` : ''}.`,
    'Configure it in `rules/*.yaml`; a domain may tighten it in its `domain.yaml`, never loosen it.',
  ].join('\n');
}

/** The reply to a `/steward` line the app does not understand. */
export function renderUsage(): string {
  return ['Mesh Steward understands:', '', ...usage.map((u) => `- ${u}`)].join('\n');
}

import { builtInRules } from '../policy/rules/index.js';
import { isRuleId, ruleEntry } from '../rules/registry.js';
import { escapeText } from './markdown.js';

const usage = [
  '`/steward recheck` — evaluate this pull request again.',
  '`/steward explain <RULE_ID>` — what a rule is for and how it is configured.',
  '`/steward accept-breaking <reason>` — as the Accountable party of a product, accept its breaking change (recorded with the reason; approvals still apply).',
  '`/steward drift` — compare each environment with the catalog now and update its drift issue (repository writers and maintainers; works on any issue).',
];

/**
 * The reply to `/steward explain`, from the rule registry: a governance rule's purpose and configurable defaults,
 * any other rule's meaning and fix; an id the registry does not know is said to be unknown.
 */
export function renderExplanation(ruleId: string): string {
  if (!isRuleId(ruleId))
    return `\`${ruleId}\` is not a rule id Mesh Steward reports. Every rule id is listed in \`docs/rules.md\`.`;
  const entry = ruleEntry(ruleId);
  const rule = builtInRules.find((r) => r.id === ruleId);
  if (!rule)
    return [
      `### \`${ruleId}\``,
      '',
      escapeText(entry.summary),
      '',
      withDocsPaths(entry.doc),
      '',
      `Severity: **${entry.severity}**. Documented in \`docs/rules.md\`.`,
    ].join('\n');
  const params = Object.keys(rule.defaults.params);
  return [
    `### \`${rule.id}\``,
    '',
    escapeText(entry.summary),
    '',
    `Default: ${rule.defaults.enabled ? `on, severity **${rule.defaults.severity}**` : 'off'}${params.length > 0 ? `; parameters: ${params.map((p) => `\`${escapeText(p)}\``).join(', ')}` : ''}.`,
    'Configure it in `rules/*.yaml`; a domain may tighten it in its `domain.yaml`, never loosen it.',
  ].join('\n');
}

/** A link between doc pages (`[x](manifest.md#a)`) means nothing in a comment: name the file in the repository. */
function withDocsPaths(doc: string): string {
  return doc.replace(/\[([^\]]+)\]\(([a-z-]+\.md(?:#[a-z-]+)?)\)/g, '$1 (`docs/$2`)');
}

/** The reply to a `/steward` line the app does not understand. */
export function renderUsage(): string {
  return ['Mesh Steward understands:', '', ...usage.map((u) => `- ${u}`)].join('\n');
}

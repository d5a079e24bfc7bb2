import type { RuleTable } from './rule-entry.js';

/**
 * Governance: the built-in rules (src/policy/rules) that rules/*.yaml configure and domains tighten, in the order
 * docs/governance.md lists them. Each summary is the rule's purpose; the severity is its default.
 */
export const governanceRules = {
  TOPIC_NAMING: {
    severity: 'error',
    summary: 'Topic names follow the mesh-wide pattern, so anyone can tell owner and version from a topic name.',
    doc: "Topic names follow the pattern (`{domain}` is the domain path with dots); a `-vN` port name and the topic's version agree.",
  },
  PRODUCT_NAMING: {
    severity: 'error',
    summary: 'Product names follow the mesh-wide convention.',
    doc: 'Product names match the regular expression ([RE2 syntax](#patterns)).',
  },
  REQUIRED_METADATA: {
    severity: 'error',
    summary: 'Active products carry what a consumer needs to judge them: description, SLA, classification, owner.',
    doc: 'Active and deprecated products carry the listed metadata (also `tags`, `quality`, `support`).',
  },
  SCHEMA_FIELD_DOCS: {
    severity: 'error',
    summary: 'Every record, enum and field is documented, so consumers know what the data means.',
    doc: 'Every record, enum and field of the port schemas has a `doc`.',
  },
  PII_CLASSIFICATION: {
    severity: 'error',
    summary: 'Products that carry personal data are classified restricted.',
    doc: 'A product with a field marked `"pii": true` is classified at least the minimum.',
  },
  PARTITION_BOUNDS: {
    severity: 'error',
    summary: 'Partition counts stay within what the platform supports.',
    doc: 'Partitions (or the settings default) within bounds.',
  },
  REPLICATION_BOUNDS: {
    severity: 'error',
    summary: 'Topics are replicated enough to survive a broker loss.',
    doc: 'Replication factor within bounds.',
  },
  RETENTION_BOUNDS: {
    severity: 'error',
    summary: 'Data is kept long enough for consumers to recover, and not forever by accident.',
    doc: "`retention.ms` of deleting topics (Kafka's 7-day default when unset); compacted-only topics are exempt.",
  },
  MIN_COMPATIBILITY: {
    severity: 'error',
    summary: 'Every port promises at least a minimum compatibility level; NONE is forbidden by default.',
    doc: 'Each port keeps every promise of the minimum level; `NONE` fails by default.',
  },
  COMPATIBILITY_LOOSENED: {
    severity: 'warning',
    summary: 'Loosening a port’s compatibility level drops a promise to its consumers; governance must approve it.',
    doc: "A loosened level is flagged and requires the governance team's approval.",
  },
  BREAKING_CHANGE_NEEDS_MAJOR: {
    severity: 'error',
    summary: 'A breaking schema change goes out on a new major port and topic, never in place (drafts excepted).',
    doc: "An incompatible schema change must go out on a new major port and topic (drafts are exempt); the compatibility findings that explain the break take this rule's severity.",
  },
  DEPRECATION_REQUIRES_SUNSET: {
    severity: 'error',
    summary: 'A deprecated product or port names its sunset date and its replacement, with enough notice.',
    doc: 'A deprecated product or port has `sunset` and `replacement`; deprecating gives at least `minNoticeDays`.',
  },
  RETIREMENT_REQUIRES_NO_CONSUMERS: {
    severity: 'error',
    summary: 'A product or port is retired only once nobody reads it.',
    doc: 'Retiring or removing a product or port that someone still reads is refused, naming the readers.',
  },
  NO_INPUTS_ON_DEPRECATED: {
    severity: 'error',
    summary: 'New consumers do not start reading a product or port on its way out.',
    doc: 'No new input port on a deprecated or retired product or port; the message names the replacement.',
  },
  LIFECYCLE_TRANSITION: {
    severity: 'error',
    summary: 'Status moves along the lifecycle draft → active → deprecated → retired, one step at a time.',
    doc: '`draft → active → deprecated → retired` one step at a time (`deprecated → active` is allowed); new products start as draft or active.',
  },
  RULE_LOOSENED: {
    severity: 'error',
    summary: 'A domain override tries to loosen a governance rule it inherits.',
    doc: 'A `rules:` section in a `domain.yaml` may only tighten what the domain inherits (severity only rises, a rule is enabled but never disabled, bounds only narrow, compatibility only gets stricter, notice periods only longer). The override keeps the inherited setting; remove it or make it stricter.',
  },
} satisfies RuleTable;

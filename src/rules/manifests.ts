import type { RuleTable } from './rule-entry.js';

/** Manifests: findings about manifests and their values. */
export const manifestRules = {
  MANIFEST_UNKNOWN_KEY: {
    severity: 'error',
    summary: 'A manifest key the format does not define.',
    doc: 'A key the format does not define (the message suggests the closest known key). Unknown keys are never ignored silently.',
  },
  MANIFEST_MISSING_FIELD: {
    severity: 'error',
    summary: 'A required manifest field is missing.',
    doc: 'A required field is missing; the finding points at the mapping that lacks it.',
  },
  MANIFEST_INVALID_VALUE: {
    severity: 'error',
    summary: 'A manifest value has the wrong type, is not allowed, or has the wrong form.',
    doc: 'A value has the wrong type, is not one of the allowed values, or does not have the expected form (`apiVersion` must be `mesh-steward/v1`).',
  },
  MANIFEST_MISNAMED: {
    severity: 'error',
    summary: 'A manifest not named exactly product.yaml or domain.yaml, so it is not read.',
    doc: 'A manifest named `product.yml`, `Product.yaml`, `domain.yml`, `Domain.yaml` or the like: manifests must be named exactly `product.yaml` / `domain.yaml`, so this one is not read. Rename it.',
  },
  SETTINGS_DUPLICATE: {
    severity: 'error',
    summary: 'Both .github/steward.yml and .github/steward.yaml exist.',
    doc: 'Both `.github/steward.yml` and `.github/steward.yaml` exist. Both are validated, only `steward.yml` is obeyed; keep one.',
  },
  PRODUCT_NAME_MISMATCH: {
    severity: 'error',
    summary: "A product's name differs from its folder name.",
    doc: "A product's `name` differs from its folder name. The folder path is the product's id, so they must agree.",
  },
  DOMAIN_NAME_MISMATCH: {
    severity: 'error',
    summary: "A domain's name differs from its folder name.",
    doc: "A domain's `name` differs from its folder name.",
  },
  TOPIC_CONFIG_UNKNOWN: {
    severity: 'error',
    summary: 'An output port sets a key that is not an Apache Kafka 4.x topic config.',
    doc: "An output port's `configs` key that is not an Apache Kafka 4.x topic config (with a did-you-mean; configs removed in 4.0, such as `message.format.version`, are named as such); the broker would refuse the topic. Keys starting with `confluent.` are left to Confluent Server.",
  },
  TOPIC_CONFIG_INVALID: {
    severity: 'error',
    summary: 'A topic config value Kafka refuses.',
    doc: "A topic config value Kafka refuses, with the reason: wrong type (`retention.ms: \"7d\"`), out of the config's range (`retention.ms` below -1, `min.insync.replicas` 0, `segment.bytes` below 1 MiB), beyond Java's `int`/`long`, a number YAML cannot hold exactly (`1e400`, integers above 2^53 unquoted), a `cleanup.policy` other than `delete`/`compact`; or `min.insync.replicas` above the port's `replicationFactor`. The list of configs and ranges is in [manifest.md](manifest.md#topic-configs).",
  },
  RULE_PATTERN_INVALID: {
    severity: 'error',
    summary: 'A naming pattern is invalid, unsafe or too large, so its rule fails every product.',
    doc: 'A `PRODUCT_NAMING.pattern` in `rules/` or a `domain.yaml` is not a valid RE2 regular expression, uses what a linear-time engine cannot match (backreferences, lookaround), or is too large (over 256 characters, or a huge compiled program from big repeat counts); or a `TOPIC_NAMING.pattern` uses a placeholder other than `{domain}`, `{product}`, `{port}`, `{version}`. The rule then fails every product it applies to (never matches everything) until the pattern is fixed; see [governance.md](governance.md#patterns).',
  },
  RULE_BOUNDS_INVERTED: {
    severity: 'error',
    summary: 'A bounds rule sets min above max, so no port could satisfy it.',
    doc: '`PARTITION_BOUNDS`, `REPLICATION_BOUNDS` or `RETENTION_BOUNDS` sets `min` above `max` in one file, so no port could satisfy it; reported on `min`. Swap or correct the two.',
  },
} satisfies RuleTable;

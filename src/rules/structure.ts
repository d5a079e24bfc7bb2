import type { RuleTable } from './rule-entry.js';

/** Catalog structure and references: findings about the catalog's layout, references and names. */
export const structureRules = {
  DOMAIN_MISSING: {
    severity: 'error',
    summary: 'A folder between catalog/ and a product or domain has no domain.yaml.',
    doc: 'A folder between `catalog/` and a product or domain has no `domain.yaml` (or a product sits directly in `catalog/`). Every product belongs to a domain tree.',
  },
  PRODUCT_NESTED: {
    severity: 'error',
    summary: 'A product or domain folder inside a product folder.',
    doc: 'A product or domain folder inside a product folder.',
  },
  UNRECOGNIZED_FILE: {
    severity: 'warning',
    summary: 'A YAML file under catalog/ that is no manifest, so it is not read.',
    doc: 'A `.yaml`/`.yml` file under `catalog/` that is neither `domain.yaml` nor `product.yaml` (nor a misspelt case or extension of them, which is `MANIFEST_MISNAMED`); it is not read.',
  },
  SCHEMA_OUTSIDE_PRODUCT: {
    severity: 'warning',
    summary: 'An .avsc file outside every product folder, which no port can use.',
    doc: 'An `.avsc` file that is not inside a product folder; no port can use it.',
  },
  SCHEMA_FILE_MISSING: {
    severity: 'error',
    summary: "A port's key or value schema file does not exist.",
    doc: "A port's key or value schema file does not exist (with a did-you-mean).",
  },
  SCHEMA_PATH_ESCAPES: {
    severity: 'error',
    summary: 'A schema path leaves the product folder.',
    doc: 'A schema path leaves the product folder (`../../x.avsc`, absolute paths, backslashes).',
  },
  UNUSED_SCHEMA_FILE: {
    severity: 'warning',
    summary: 'An .avsc file that no port uses.',
    doc: 'An `.avsc` file that no port uses, directly or through references.',
  },
  EXAMPLE_INVALID: {
    severity: 'error',
    summary: "A port's declared example event does not match its schema.",
    doc: "A port's `key.example` or `value.example` is not a value of its schema in Avro's JSON encoding: a field without a default is missing, a field is not in the record, a value has the wrong type, or a union's value is not `null` or `{\"<branch type>\": value}`. The finding points at the wrong part of the example. Fix the example, or remove it and the site shows one generated from the schema.",
  },
  INPUT_PORT_UNRESOLVED: {
    severity: 'error',
    summary: 'An input port names a product or output port that does not exist.',
    doc: 'An input port names a product or output port that does not exist.',
  },
  REPLACEMENT_UNRESOLVED: {
    severity: 'error',
    summary: 'A deprecation replacement names a product or port that does not exist.',
    doc: 'A `deprecation.replacement` names a product or port that does not exist.',
  },
  TOPIC_MULTIPLE_WRITERS: {
    severity: 'error',
    summary: 'Two output ports declare the same topic.',
    doc: 'Two output ports declare the same topic (single-writer principle); the finding also points at the first writer.',
  },
  DUPLICATE_NAME: {
    severity: 'error',
    summary: 'Two domains, or two ports of one product, share a name.',
    doc: 'Two domains share a name, or two ports of one product share a name.',
  },
  TOPIC_RESERVED: {
    severity: 'error',
    summary: "A port's topic belongs to Kafka, a schema registry or Mesh Steward.",
    doc: "A port's topic belongs to someone else on the cluster: Kafka (any name starting with `__`: `__consumer_offsets`, `__transaction_state`, `__cluster_metadata`), a schema registry (`_schemas`, `_confluent*`, Apicurio's `kafkasql-journal` and `kafkasql-snapshots`) or Mesh Steward itself (`_mesh-steward*`: every apply creates and deletes its lock topic `_mesh-steward.apply-lock`, so a port on it would never converge). Names Kafka refuses (`.`, `..`, over 249 characters, characters outside `[a-zA-Z0-9._-]`) are `MANIFEST_INVALID_VALUE`. Choose a topic of your own domain.",
  },
  TOPIC_NAME_COLLISION: {
    severity: 'error',
    summary: 'Two topics differ only in `.` versus `_`.',
    doc: "Two topics differ only in `.` versus `_` (`a.b` and `a_b`): Kafka's metric names do not tell them apart and the broker refuses to create the second. Also points at the first. A `warning` with this id flags a topic that mixes `.` and `_`.",
  },
  CONSUMER_GROUP_RESERVED: {
    severity: 'error',
    summary: "An input port's consumer group is a wildcard or a reserved name.",
    doc: "An input port's consumer group contains `*` (in an ACL, every group), starts with `__` or `_confluent`, or starts with `_mesh-steward`. Name a group of the consuming application.",
  },
  NAME_LOOKS_INTERNAL: {
    severity: 'warning',
    summary: "A topic or group looks like another component's own.",
    doc: "A topic or group that looks like another component's own: Kafka Connect's default `connect-configs`/`connect-offsets`/`connect-status` topics, its `connect-cluster` or `connect-<connector>` groups, Schema Registry's `schema-registry` group, or any name starting with `_`. Rename it unless it really is that component's.",
  },
  PRINCIPAL_WILDCARD: {
    severity: 'error',
    summary: 'A principal that stands for every client (`User:*`, `Group:*`, `User:ANONYMOUS`).',
    doc: "A writer or input principal is `User:*` (or `Group:*`): every authenticated client; or `User:ANONYMOUS`, Kafka's name for every unauthenticated one. Name the one service account. A deliberately public topic needs `principals.allowWildcard: true` in `rules/` (governance approves that change; domains cannot set it).",
  },
  PRINCIPAL_INVALID: {
    severity: 'error',
    summary: 'A principal that is not `User:<name>` or `Group:<name>`.',
    doc: 'A principal that is not `User:<name>`/`Group:<name>`: no or another type, an empty name, control or invisible characters (zero-width spaces, bidi marks), or a `*` inside a name (`User:svc-*`: Kafka has no prefix wildcards for principals, so this is a literal name).',
  },
  ENVIRONMENT_DUPLICATE: {
    severity: 'error',
    summary: 'Two environments of .github/steward.yml have one name.',
    doc: 'Two entries of `environments:` in `.github/steward.yml` have the same `name`, so `--env`, promotion and drift reports could not tell them apart. Also points at the first. Rename or remove one.',
  },
  ENVIRONMENT_AFTER_UNKNOWN: {
    severity: 'error',
    summary: "An environment's `after` names no declared environment.",
    doc: "An environment's `after` names an environment that is not declared (with a did-you-mean), so it would wait forever. Name an environment declared before it, or remove `after`.",
  },
  ENVIRONMENT_AFTER_CYCLE: {
    severity: 'error',
    summary: 'Environments wait for each other (or one for itself) through `after`.',
    doc: 'Environments wait for each other through `after` (`prod → staging → prod`), or one waits for itself, so none of them would ever apply. Reported once per cycle, on its first environment in the file. Remove one `after`.',
  },
  ENVIRONMENT_AFTER_ORDER: {
    severity: 'error',
    summary: 'An environment waits for one declared after it.',
    doc: '`environments:` is the promotion order: an environment may wait (`after`) only for one declared before it. Move the one it waits for above it.',
  },
  ENVIRONMENT_AFTER_BRANCH: {
    severity: 'warning',
    summary: 'An environment waits for one that its own branch never applies.',
    doc: 'An environment applied by a branch waits (`after`) for an environment that has no `branch`, or another one: that environment never succeeds for the same commit, so the wait never ends. Give both the same `branch`, or remove `after`.',
  },
  ENVIRONMENT_OVERRIDE_UNKNOWN: {
    severity: 'warning',
    summary: 'An environment overrides a domain or product the catalog does not have.',
    doc: "An environment's `overrides.domains` or `overrides.products` names a domain or product id (its folder under `catalog/`) that does not exist, so the override applies to nothing (with a did-you-mean, or a hint when the id is a product listed under `domains` or the other way round). A warning: the catalog's own values apply, but a typo here silently leaves an environment with values it was meant to change.",
  },
  ENVIRONMENT_OVERRIDE_CONFLICT: {
    severity: 'error',
    summary: "An environment's overrides leave topics with min.insync.replicas above their replication factor.",
    doc: 'An environment\'s overrides leave topics with `min.insync.replicas` above their replication factor (a lower `replicationFactor` than the ports\' `min.insync.replicas`, e.g. 1 on a single-broker cluster, or a higher `min.insync.replicas`), so every `acks=all` write to them would fail there. Reported on the override line that causes it, listing the topics. Override `min.insync.replicas` too (`topicConfigs: { min.insync.replicas: "1" }`), or raise the replication factor.',
  },
} satisfies RuleTable;

import type { RuleTable } from './rule-entry.js';

/**
 * Import: what `steward import` (and an adopting pull request) could not infer from the live cluster and registry.
 * Each points at the written file and line that needs a decision. An error leaves the catalog invalid on purpose
 * (a required value import will not guess, so nothing is applied with a guess); a warning says what apply would
 * change if the files were merged as written.
 */
export const importRules = {
  IMPORT_WRITER_UNKNOWN: {
    severity: 'error',
    summary: 'An imported topic has no WRITE ACL, so its single writer is unknown.',
    doc: 'No ALLOW WRITE ACL names the topic, so import cannot tell who produces to it and leaves `writer` out of the port (the manifest is invalid until it is set). Set `writer` to the principal that produces to the topic; apply grants it WRITE and DESCRIBE.',
  },
  IMPORT_SEVERAL_WRITERS: {
    severity: 'error',
    summary: 'An imported topic has several WRITE ACLs; the catalog allows one writer.',
    doc: 'Several principals may write the topic. Import names the first as `writer`; apply would revoke the others. Keep the one that owns the data, and move the other producers to their own topics (or products) before merging.',
  },
  IMPORT_SCHEMA_MISSING: {
    severity: 'error',
    summary: 'An imported topic has no `<topic>-value` subject in the registry.',
    doc: 'The port has no value schema to import, so `value` is left out (the manifest is invalid until it is set). Write the value schema as an `.avsc` file in the product folder and point `value.schema` at it; apply registers it as `<topic>-value`.',
  },
  IMPORT_SUBJECT_WITHOUT_TOPIC: {
    severity: 'warning',
    summary: 'A registry subject belongs to no imported topic and is not imported.',
    doc: 'The subject is not `<topic>-key` or `<topic>-value` of a topic import writes, nor referenced by one of their schemas, so no product owns it. Leave it (the catalog never touches subjects it does not own), or create the topic and import again.',
  },
  IMPORT_CONSUMER_UNMATCHED: {
    severity: 'warning',
    summary: 'A READ ACL on an imported topic names a principal that no product is known by.',
    doc: 'Import adds an input port to the product whose writer (or an existing input port) uses the reading principal. This principal matches none, so no input port declares the access and apply would revoke it. Declare an input port with this principal on the product that reads the topic.',
  },
  IMPORT_CONSUMER_GROUP_UNKNOWN: {
    severity: 'error',
    summary: "An imported input port's consumer group is unknown.",
    doc: 'The reading principal has no READ ACL on a consumer group, so import cannot tell which group it reads with and leaves `consumerGroup` out (the manifest is invalid until it is set). Set `consumerGroup` to the group the consumer uses; apply grants the principal READ on it.',
  },
  IMPORT_CONSUMER_GROUP_GUESSED: {
    severity: 'warning',
    summary: "An imported input port's consumer group is one of several the principal may read.",
    doc: "The reading principal may READ several consumer groups. Import names the one that shares the longest prefix with the topic's name (the plan then grants nothing new; the other groups stay unmanaged). Check that it is the group the consumer reads this topic with.",
  },
  IMPORT_ACL_UNMANAGED: {
    severity: 'warning',
    summary: 'An ACL on an imported topic or group is one the catalog cannot declare; apply would revoke it.',
    doc: "The catalog grants WRITE and DESCRIBE to a port's writer and READ to each input port's principal on the topic and its group, literal and for any host. Another ALLOW ACL on an owned topic or group (another operation, a host, a prefixed or `*` pattern) is revoked by apply. Grant what is needed through the catalog, or narrow the ACL before merging.",
  },
  IMPORT_TOPIC_NAME: {
    severity: 'warning',
    summary: 'An imported topic does not follow the TOPIC_NAMING pattern; its domain and product are a guess.',
    doc: 'Import places a topic by its name segments as the TOPIC_NAMING pattern reads them (`{domain}.{product}.v{version}`: `sales.orders.v1` is port `orders-v1` of product `orders` in domain `sales`). A name that does not fit is placed by its segments and `steward validate` reports TOPIC_NAMING. A topic cannot be renamed: create a new major topic under the pattern, or have the governance team allow the name.',
  },
  IMPORT_LEVEL_MISMATCH: {
    severity: 'warning',
    summary: "An imported topic's key and value subjects have different compatibility levels.",
    doc: "A port has one level for both subjects. Import takes the value subject's; apply would set the key subject to it. Choose the level for both before merging.",
  },
  IMPORT_REFERENCE_UNSUPPORTED: {
    severity: 'warning',
    summary: 'A schema reference cannot be expressed as a file of the same product.',
    doc: "The catalog registers a referenced schema file under its top-level type's full name and references it by that name, within one product. A reference under another subject name, to a type the referenced schema does not define at its top, or to a subject another product owns is written as that file all the same, and apply would register the schema again with the catalog's reference. Inline the type, or move the referenced schema under the catalog's subject.",
  },
  IMPORT_HISTORY_INCOMPATIBLE: {
    severity: 'warning',
    summary: "A subject's latest version breaks earlier versions under its live level.",
    doc: "The registry holds versions that the subject's level would refuse today (the level was tightened after they were registered). The next change will be judged against them; `steward compat` explains each break.",
  },
  IMPORT_DRAFT: {
    severity: 'notice',
    summary: 'An imported product is written as a draft: its SLA, quality, tags and support are to be filled in.',
    doc: 'Import knows what the cluster holds, not what the product promises. It writes `status: draft` (REQUIRED_METADATA waits for drafts) with a description naming where it came from. Fill in `description`, `classification`, `tags`, `quality` and the `sla`, then set `status: active`.',
  },
} as const satisfies RuleTable;

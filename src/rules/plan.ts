import type { RuleTable } from './rule-entry.js';

/**
 * Plan: what the live cluster or registry would refuse, found by `steward plan` (and before every apply) from what
 * they hold now. A plan with one of these errors is not applied: nothing is attempted until the catalog (or the
 * environment) is fixed.
 */
export const planRules = {
  REGISTRY_INCOMPATIBLE: {
    severity: 'error',
    summary: "The registry would refuse a schema the plan registers: it breaks the subject's live level.",
    doc: "A new version breaks the versions the registry holds under the level it checks when apply registers (the subject's live level, or the one the plan sets first; every version for `_TRANSITIVE`). Each break is explained on its line; fix the schema, or change the level through the catalog.",
  },
  REPLICATION_ABOVE_BROKERS: {
    severity: 'error',
    summary: 'A topic the plan creates asks for more replicas than the cluster has brokers.',
    doc: 'A topic the plan creates asks for a replication factor above the number of live brokers, which Kafka refuses. Lower `replicationFactor` (or the default in `.github/steward.yml`), or plan against the cluster it is meant for.',
  },
  MIN_INSYNC_ABOVE_REPLICATION: {
    severity: 'error',
    summary: "A topic's min.insync.replicas is above the replication factor it gets on this cluster.",
    doc: "`min.insync.replicas` is above the topic's replication factor as planned (after any override), so every `acks=all` write would fail. Lower `min.insync.replicas` or raise the replication factor.",
  },
} as const satisfies RuleTable;

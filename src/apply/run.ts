import { hasErrors, type Finding } from '../core/findings.js';
import { diffState } from '../plan/diff.js';
import { resourceName, type Operation } from '../plan/operations.js';
import { orderOperations } from '../plan/order.js';
import type { ActualState, DesiredState } from '../plan/state.js';
import { executePlan, type Outcome } from './executor.js';
import { lockTopic, withClusterLock } from './lock.js';
import type { KafkaAdmin, SchemaRegistry } from './ports.js';
import { judgePlan } from './plan-checks.js';
import { readActualState } from './read-actual.js';

export interface ClusterPorts {
  readonly kafka: KafkaAdmin;
  readonly registry: SchemaRegistry;
  /** Names the cluster for the in-process lock, e.g. the bootstrap brokers and the registry URL. */
  readonly name: string;
}

export interface PlanResult {
  readonly actual: ActualState;
  /** In apply order. */
  readonly operations: readonly Operation[];
  /** What the cluster or the registry would refuse (plan/refuse.ts): with an error among them, nothing is applied. */
  readonly findings: readonly Finding[];
}

/** Gather (batched reads of what the catalog names) → diff → order → judge what would be refused. Read-only. */
export async function planCluster(desired: DesiredState, ports: ClusterPorts): Promise<PlanResult> {
  const actual = await readActualState(desired, ports.kafka, ports.registry);
  const operations = orderOperations(diffState(desired, actual));
  const findings = await judgePlan(desired, actual, operations, ports.kafka, ports.registry);
  return { actual, operations, findings };
}

export interface ApplyResult extends PlanResult {
  readonly outcomes: readonly Outcome[];
  /** Said with the report, e.g. that the apply lock could not be released. */
  readonly warnings: readonly string[];
}

/**
 * Plans against live state and applies, holding the cluster's apply lock so that the plan cannot go stale under a
 * concurrent apply. The plan is computed inside the lock for that reason.
 */
export async function applyCluster(
  desired: DesiredState,
  ports: ClusterPorts,
  options: { breakLock?: boolean } = {},
): Promise<ApplyResult> {
  const warnings: string[] = [];
  const onReleaseFailure = (reason: string) =>
    warnings.push(
      `The apply lock (topic ${lockTopic}) could not be released: ${reason} The next apply waits for its 10-minute lease, or run \`steward apply --break-lock\` once you know no apply is running.`,
    );
  const result = await withClusterLock(ports.name, ports.kafka, { ...options, onReleaseFailure }, async () => {
    const plan = await planCluster(desired, ports);
    // A plan the cluster would refuse is not started: no operation is attempted, the findings say why.
    if (hasErrors(plan.findings)) return { ...plan, outcomes: [] };
    const outcomes = await executePlan(plan.operations, ports, plan.actual);
    return { ...plan, outcomes };
  });
  return { ...result, warnings };
}

/**
 * Each registration's subject version, for audit records: the registry's register call answers only the id. One
 * batched read of the registered subjects' latest versions (the apply lock is still held or just released, so the
 * latest is ours when its id matches).
 */
export async function withRegisteredVersions(
  outcomes: readonly Outcome[],
  registry: SchemaRegistry,
): Promise<Outcome[]> {
  const missing = outcomes.filter(
    (o) => o.status === 'succeeded' && o.registered && o.registered.version === undefined,
  );
  if (missing.length === 0) return [...outcomes];
  // The apply has happened: a registry that stops answering now costs the record its versions, not the report.
  const latest = await registry
    .getLatestVersions(missing.map((o) => resourceName(o.operation.resource)))
    .catch(() => new Map<string, { id: number; version: number }>());
  return outcomes.map((o) => {
    const found = o.registered && latest.get(resourceName(o.operation.resource));
    return found && o.registered && found.id === o.registered.id
      ? { ...o, registered: { id: found.id, version: found.version } }
      : o;
  });
}

import { diffState } from '../plan/diff.js';
import type { Operation } from '../plan/operations.js';
import { orderOperations } from '../plan/order.js';
import type { ActualState, DesiredState } from '../plan/state.js';
import { executePlan, type Outcome } from './executor.js';
import { withClusterLock } from './lock.js';
import type { KafkaAdmin, SchemaRegistry } from './ports.js';
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
}

/** Gather (batched reads of what the catalog names) → diff → order. Read-only. */
export async function planCluster(desired: DesiredState, ports: ClusterPorts): Promise<PlanResult> {
  const actual = await readActualState(desired, ports.kafka, ports.registry);
  return { actual, operations: orderOperations(diffState(desired, actual)) };
}

export interface ApplyResult extends PlanResult {
  readonly outcomes: readonly Outcome[];
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
  return withClusterLock(ports.name, ports.kafka, options, async () => {
    const plan = await planCluster(desired, ports);
    const outcomes = await executePlan(plan.operations, ports, plan.actual);
    return { ...plan, outcomes };
  });
}

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadCatalog } from '../catalog/load.js';
import { hasErrors } from '../core/findings.js';
import { connectCluster as connect, replicationOverride } from '../apply/connect.js';
import { planCluster, type ClusterPorts } from '../apply/run.js';
import type { Operation } from '../plan/operations.js';
import { desiredState } from '../plan/desired.js';
import type { DesiredState } from '../plan/state.js';
import { readDirectorySource } from './fs-source.js';
import { exitCodes, type CliIo } from './io.js';
import { renderFindingsText } from './render-findings.js';
import { findRepoRoot } from './repo-root.js';

export interface ClusterOptions {
  readonly brokers?: string;
  readonly registry?: string;
  readonly replicationFactor?: string;
  readonly format: string;
}

/** The flags plan, apply and drift share. Secrets are read from the environment only, never from flags. */
export function withClusterOptions(command: Command): Command {
  return command
    .argument('[dir]', 'repository root (default: the git repository around the current directory)')
    .option('--brokers <list>', 'Kafka bootstrap servers, comma-separated (default: $STEWARD_KAFKA_BROKERS)')
    .option('--registry <url>', 'Confluent-API registry URL (default: $STEWARD_REGISTRY_URL)')
    .option(
      '--replication-factor <n>',
      "replace every topic's replication factor, e.g. 1 on a single-broker test cluster (default: $STEWARD_REPLICATION_FACTOR_OVERRIDE)",
    );
}

/**
 * Reads and validates the catalog, then derives the desired state. Returns undefined (after printing the error
 * findings) when validation fails: nothing is planned or applied from a catalog with errors.
 */
export async function loadDesired(
  io: CliIo,
  dir: string | undefined,
  options: ClusterOptions,
): Promise<DesiredState | undefined> {
  const root = dir === undefined ? findRepoRoot(io.cwd) : resolve(io.cwd, dir);
  const { catalog, findings } = loadCatalog(await readDirectorySource(root));
  if (hasErrors(findings)) {
    io.err(renderFindingsText(findings.filter((f) => f.severity === 'error')));
    io.err('steward: the catalog has errors; nothing was planned or applied. Run `steward validate` for details.\n');
    return undefined;
  }
  const replicationFactorOverride = replicationOverride(
    options.replicationFactor ?? io.env.STEWARD_REPLICATION_FACTOR_OVERRIDE,
  );
  return desiredState(catalog, replicationFactorOverride === undefined ? {} : { replicationFactorOverride });
}

/** Connects to the cluster named by flags or environment (STEWARD_KAFKA_* and STEWARD_REGISTRY_*). */
export function connectCluster(io: CliIo, options: ClusterOptions): ClusterPorts {
  return connect(io.env, {
    ...(options.brokers ? { brokers: options.brokers } : {}),
    ...(options.registry ? { registry: options.registry } : {}),
  });
}

/**
 * Loads the catalog's desired state, plans it against the live cluster and registry, and hands the ordered
 * operations to `report`, which returns the exit code. Disconnects whatever happens; a catalog with errors plans
 * nothing (exit 1).
 */
export async function reportPlan(
  io: CliIo,
  dir: string | undefined,
  options: ClusterOptions,
  report: (operations: readonly Operation[], notices: readonly string[]) => number,
): Promise<number> {
  const desired = await loadDesired(io, dir, options);
  if (!desired) return exitCodes.findings;
  const ports = connectCluster(io, options);
  try {
    const { operations } = await planCluster(desired, ports);
    return report(operations, desired.notices);
  } finally {
    await ports.kafka.close();
  }
}

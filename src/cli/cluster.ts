import { resolve } from 'node:path';
import type { ClusterOptions } from './declare.js';
import { loadCatalog } from '../catalog/load.js';
import { hasErrors, type Finding } from '../core/findings.js';
import { connectCluster, replicationOverride } from '../apply/connect.js';
import { desiredFor, planOnCluster, type SessionTarget } from '../apply/session.js';
import type { Operation } from '../plan/operations.js';
import type { DesiredState } from '../plan/state.js';
import { readDirectorySource } from './fs-source.js';
import { exitCodes, type CliIo } from './io.js';
import { renderFindingsText } from '../render/findings.js';
import { findRepoRoot } from './git/repo-root.js';

/**
 * The cluster named by flags or environment (STEWARD_KAFKA_* and STEWARD_REGISTRY_*), with the replication override
 * of the flag or STEWARD_REPLICATION_FACTOR_OVERRIDE. Nothing connects until a session does.
 */
export function clusterTarget(io: CliIo, options: ClusterOptions): SessionTarget {
  const replicationFactorOverride = replicationOverride(
    options.replicationFactor ?? io.env.STEWARD_REPLICATION_FACTOR_OVERRIDE,
  );
  const flags = {
    ...(options.brokers ? { brokers: options.brokers } : {}),
    ...(options.registry ? { registry: options.registry } : {}),
  };
  return {
    connect: () => connectCluster(io.env, flags),
    ...(replicationFactorOverride === undefined ? {} : { replicationFactorOverride }),
  };
}

/**
 * Reads and validates the catalog, then derives the desired state on `target`. Returns undefined (after printing the
 * error findings) when validation fails: nothing is planned or applied from a catalog with errors.
 */
export async function loadDesired(
  io: CliIo,
  dir: string | undefined,
  target: SessionTarget,
): Promise<DesiredState | undefined> {
  const root = dir === undefined ? findRepoRoot(io.cwd) : resolve(io.cwd, dir);
  const { catalog, findings } = loadCatalog(await readDirectorySource(root));
  if (hasErrors(findings)) {
    io.err(renderFindingsText(findings.filter((f) => f.severity === 'error')));
    io.err('steward: the catalog has errors; nothing was planned or applied. Run `steward validate` for details.\n');
    return undefined;
  }
  return desiredFor(target, catalog);
}

/**
 * Loads the catalog's desired state, plans it against the live cluster and registry in one session, and hands the
 * ordered operations to `report`, which returns the exit code. A catalog with errors plans nothing (exit 1).
 */
export async function reportPlan(
  io: CliIo,
  dir: string | undefined,
  options: ClusterOptions,
  report: (operations: readonly Operation[], notices: readonly string[], findings: readonly Finding[]) => number,
): Promise<number> {
  const target = clusterTarget(io, options);
  const desired = await loadDesired(io, dir, target);
  if (!desired) return exitCodes.findings;
  const { operations, findings } = await planOnCluster(target, desired);
  return report(operations, desired.notices, findings);
}

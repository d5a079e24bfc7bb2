import { clusterConfigured, clusterName, connectCluster, replicationOverride, type Env } from '../../apply/connect.js';
import type { ClusterPorts } from '../../apply/run.js';
import { ConfigurationError } from '../../core/errors.js';
import type { RepoRef } from '../types.js';

/**
 * The cluster this deployment of the App plans against and applies to, and the one repository allowed to change
 * it: an installation on any other repository evaluates pull requests but never reads or touches the cluster.
 */
export interface ApplyTarget {
  /** `owner/name`, compared case-insensitively. */
  readonly repository: string;
  /**
   * STEWARD_CLUSTER_NAME, else the brokers and the registry's scheme, host and port (never its credentials, path or
   * query): safe in check runs, comments, logs and audit records.
   */
  readonly name: string;
  /** A fresh connection per apply or plan; the caller closes it. */
  readonly connect: () => ClusterPorts;
  readonly replicationFactorOverride?: number;
}

/**
 * Reads the target from STEWARD_KAFKA_BROKERS, STEWARD_REGISTRY_URL (and their auth variables) and
 * STEWARD_APPLY_REPOSITORY. Undefined when no cluster is configured: the App then only evaluates. A cluster without
 * a repository is refused at start, so that no installation can reach a cluster by accident.
 */
export function applyTargetFromEnv(env: Env): ApplyTarget | undefined {
  if (!clusterConfigured(env)) return undefined;
  const repository = env.STEWARD_APPLY_REPOSITORY?.trim() ?? '';
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository))
    throw new ConfigurationError(
      'STEWARD_KAFKA_BROKERS and STEWARD_REGISTRY_URL are set but STEWARD_APPLY_REPOSITORY is not: set it to the one ' +
        'repository (owner/name) whose applying branch may change this cluster.',
    );
  const override = replicationOverride(env.STEWARD_REPLICATION_FACTOR_OVERRIDE);
  return {
    repository,
    name: clusterName(env),
    connect: () => connectCluster(env),
    ...(override === undefined ? {} : { replicationFactorOverride: override }),
  };
}

export function targets(target: ApplyTarget | undefined, repo: RepoRef): target is ApplyTarget {
  return target !== undefined && target.repository.toLowerCase() === `${repo.owner}/${repo.repo}`.toLowerCase();
}

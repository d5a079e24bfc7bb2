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

/**
 * The one line the App logs at start: whether it only checks or also applies on merge, to which cluster (its
 * display name: never a credential, a path or a query) for which repository, and what the other mode needs.
 * GITHUB_REPOSITORY, set in an Action's job, is the one repository this run serves.
 */
export function modeLine(target: ApplyTarget | undefined, env: Env): string {
  const here = env.GITHUB_REPOSITORY?.trim() || undefined;
  const scope = here ? ` for ${here}` : '';
  if (target && (!here || here.toLowerCase() === target.repository.toLowerCase()))
    return (
      `Mesh Steward: checks + apply on merge to cluster "${target.name}" for ${target.repository} ` +
      '(applying branch from .github/steward.yml)'
    );
  if (target)
    return `Mesh Steward: checks only${scope} — apply on merge is off here: STEWARD_APPLY_REPOSITORY is ${target.repository}`;
  const missing = ['STEWARD_KAFKA_BROKERS', 'STEWARD_REGISTRY_URL'].filter((name) => !env[name]);
  const need = missing.length > 0 ? `set ${missing.join(' and ')}` : 'no cluster was given to this instance';
  return `Mesh Steward: checks only${scope} — apply on merge is off: ${need} (README, App setup)`;
}

import {
  clusterConfigured,
  clusterName,
  connectCluster,
  connectEnvironment,
  environmentConfigured,
  type Env,
} from '../../apply/connect.js';
import type { ClusterPorts } from '../../apply/run.js';
import { environmentsOf, implicitEnvironment, type Environment } from '../../catalog/environments.js';
import type { Catalog } from '../../catalog/model.js';
import { ConfigurationError } from '../../core/errors.js';
import type { RepoRef } from '../types.js';

/**
 * The clusters this deployment of the App plans against and applies to, and the one repository allowed to change
 * them: an installation on any other repository evaluates pull requests but never reads or touches a cluster.
 * The clusters are the environments the repository's .github/steward.yml declares, reached through the variables
 * each names, read from the App's process environment; without declared environments, the STEWARD_* variables'
 * cluster (the implicit environment), as before environments existed.
 */
export interface ApplyTarget {
  /** `owner/name`, compared case-insensitively. */
  readonly repository: string;
  /**
   * The implicit environment's cluster (STEWARD_KAFKA_BROKERS, STEWARD_REGISTRY_URL): STEWARD_CLUSTER_NAME, else the
   * brokers and the registry's scheme, host and port (never its credentials, path or query): safe in check runs,
   * comments, logs and audit records. Absent when those variables are not set.
   */
  readonly name?: string;
  /** The implicit environment's connection, fresh per apply or plan; the caller closes it. */
  readonly connect?: () => ClusterPorts;
  /** The process environment declared environments read their connection variables from. */
  readonly env?: Env;
  /** Opens a declared environment's connection (tests give in-memory clusters); default: connectEnvironment. */
  readonly connectEnvironment?: (environment: Environment) => ClusterPorts;
  /** Tests only (the in-memory cluster has one broker); the App never reads it from its environment. */
  readonly replicationFactorOverride?: number;
}

/** One environment the App can plan against or apply to, with its connection. */
export interface EnvironmentTarget {
  readonly environment: Environment;
  /** How reports, the cluster lock and the audit record name its cluster. */
  readonly name: string;
  /** Whether the App's process environment holds its connection variables; if not, `missing` names them. */
  readonly reachable: boolean;
  readonly missing: readonly string[];
  readonly connect: () => ClusterPorts;
  readonly replicationFactorOverride?: number;
}

/**
 * Reads the target from STEWARD_APPLY_REPOSITORY, and the implicit cluster from STEWARD_KAFKA_BROKERS,
 * STEWARD_REGISTRY_URL (and their auth variables). Undefined when no repository is named and no implicit cluster
 * is configured: the App then only evaluates. A cluster without a repository is refused at start, so that no
 * installation can reach a cluster by accident; so is STEWARD_REPLICATION_FACTOR_OVERRIDE, which environments
 * replace.
 */
export function applyTargetFromEnv(env: Env): ApplyTarget | undefined {
  if (env.STEWARD_REPLICATION_FACTOR_OVERRIDE !== undefined && env.STEWARD_REPLICATION_FACTOR_OVERRIDE !== '')
    throw new ConfigurationError(
      'STEWARD_REPLICATION_FACTOR_OVERRIDE is no longer read by the App: declare the cluster as an environment in ' +
        '.github/steward.yml with `overrides.replicationFactor` (docs/manifest.md, "Environments"), then unset it.',
    );
  const implicit = clusterConfigured(env);
  const repository = env.STEWARD_APPLY_REPOSITORY?.trim() ?? '';
  if (!implicit && repository === '') return undefined;
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository))
    throw new ConfigurationError(
      implicit
        ? 'STEWARD_KAFKA_BROKERS and STEWARD_REGISTRY_URL are set but STEWARD_APPLY_REPOSITORY is not: set it to the ' +
            'one repository (owner/name) whose applying branch may change this cluster.'
        : `STEWARD_APPLY_REPOSITORY "${repository.slice(0, 100)}" is not a repository: set it to owner/name.`,
    );
  return {
    repository,
    env,
    ...(implicit ? { name: clusterName(env), connect: () => connectCluster(env) } : {}),
  };
}

export function targets(target: ApplyTarget | undefined, repo: RepoRef): target is ApplyTarget {
  return target !== undefined && target.repository.toLowerCase() === `${repo.owner}/${repo.repo}`.toLowerCase();
}

/**
 * The environments the App works with for a catalog's settings: the declared ones, in promotion order, each with
 * whether the App can reach it; without declared environments, the implicit one when its cluster is configured.
 */
export function environmentTargets(target: ApplyTarget, settings: Catalog['settings']): EnvironmentTarget[] {
  const declared = environmentsOf(settings);
  const override =
    target.replicationFactorOverride === undefined
      ? {}
      : { replicationFactorOverride: target.replicationFactorOverride };
  if (declared.length === 0) {
    const { connect, name } = target;
    if (!connect || name === undefined) return [];
    const environment = { ...implicitEnvironment(target.env ?? {}, settings), name };
    return [{ environment, name, reachable: true, missing: [], connect, ...override }];
  }
  const env = target.env ?? {};
  return declared.map((environment) => {
    const open = target.connectEnvironment ?? ((e: Environment) => connectEnvironment(e, env));
    const reachable = target.connectEnvironment !== undefined || environmentConfigured(environment, env);
    const required = [environment.kafka.brokers, environment.registry.url];
    return {
      environment,
      name: environment.clusterName ?? environment.name,
      reachable,
      missing: reachable ? [] : required.filter((v) => !env[v]?.trim()),
      connect: () => open(environment),
      ...override,
    };
  });
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
    return target.name !== undefined
      ? `Mesh Steward: checks + apply on merge to cluster "${target.name}" for ${target.repository} ` +
          '(applying branch from .github/steward.yml)'
      : `Mesh Steward: checks + apply on merge for ${target.repository} to the environments its ` +
          '.github/steward.yml declares, each reached through the variables it names';
  if (target)
    return `Mesh Steward: checks only${scope} — apply on merge is off here: STEWARD_APPLY_REPOSITORY is ${target.repository}`;
  const missing = ['STEWARD_KAFKA_BROKERS', 'STEWARD_REGISTRY_URL'].filter((name) => !env[name]);
  const need =
    missing.length > 0
      ? `set STEWARD_APPLY_REPOSITORY and the variables of its environments, or ${missing.join(' and ')}`
      : 'no cluster was given to this instance';
  return `Mesh Steward: checks only${scope} — apply on merge is off: ${need} (README, App setup)`;
}

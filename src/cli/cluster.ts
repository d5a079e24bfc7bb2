import { resolve } from 'node:path';
import type { ClusterOptions } from './declare.js';
import { loadCatalog } from '../catalog/load.js';
import type { Catalog } from '../catalog/model.js';
import { implicitEnvironment, resolveEnvironment, type Environment } from '../catalog/environments.js';
import { hasErrors, type Finding } from '../core/findings.js';
import { connectEnvironment, replicationOverride } from '../apply/connect.js';
import { desiredFor, planOnCluster, type SessionTarget } from '../apply/session.js';
import type { Operation } from '../plan/operations.js';
import type { DesiredState } from '../plan/state.js';
import { readDirectorySource } from './fs-source.js';
import { exitCodes, UsageError, type CliIo } from './io.js';
import { readGitEntries, resolveCommit } from './git/source.js';
import { formerGroups } from '../plan/acl-scope.js';
import { renderFindingsText } from '../render/findings.js';
import { findRepoRoot } from './git/repo-root.js';

/** What plan, apply and drift work on: one environment, its session target, and the catalog's desired state on it. */
export interface ClusterSelection {
  readonly environment: Environment;
  readonly target: SessionTarget;
  readonly desired: DesiredState;
}

const deprecation =
  '--replication-factor and STEWARD_REPLICATION_FACTOR_OVERRIDE are deprecated and will be removed: declare the ' +
  'cluster as an environment in .github/steward.yml with `overrides: { replicationFactor: N }` and pass ' +
  '`--env NAME` (README, "Environments").';

/**
 * Reads and validates the catalog, then picks the environment — `--env NAME` from .github/steward.yml, else the
 * implicit one of STEWARD_KAFKA_* and STEWARD_REGISTRY_* — and derives the desired state on it, its overrides
 * applied and marked. Returns undefined (after printing the error findings) when validation fails: nothing is
 * planned or applied from a catalog with errors. Nothing connects until a session does.
 */
export async function selectCluster(
  io: CliIo,
  dir: string | undefined,
  options: ClusterOptions,
): Promise<ClusterSelection | undefined> {
  // A bad override value is a usage error before anything is read.
  replicationOverride(options.replicationFactor ?? io.env.STEWARD_REPLICATION_FACTOR_OVERRIDE);
  const root = dir === undefined ? findRepoRoot(io.cwd) : resolve(io.cwd, dir);
  const { catalog, findings } = loadCatalog(await readDirectorySource(root));
  if (hasErrors(findings)) {
    io.err(renderFindingsText(findings.filter((f) => f.severity === 'error')));
    io.err('steward: the catalog has errors; nothing was planned or applied. Run `steward validate` for details.\n');
    return undefined;
  }
  const target = clusterTarget(io, options, catalog.settings);
  const desired = desiredFor(target, catalog, await formerGroupsSince(root, options.base, catalog));
  const { environment } = target;
  if (target.replicationFactorOverride === undefined) return { environment, target, desired };
  return { environment, target, desired: { ...desired, notices: [...desired.notices, deprecation] } };
}

/**
 * With `--base REV`: the consumer groups the catalog at REV named (its input ports) that this catalog no longer
 * names, so a removed input port or a deleted product loses its group ACLs (plan/acl-scope.ts formerGroups). A
 * working tree has no history of its own: the commit last applied is what says which groups were the catalog's.
 */
async function formerGroupsSince(
  root: string,
  base: string | undefined,
  catalog: Catalog,
): Promise<{ aclGroups?: string[] }> {
  if (base === undefined) return {};
  let commit: string;
  try {
    commit = await resolveCommit(root, base);
  } catch {
    throw new UsageError(`--base ${base} is not a commit of the repository at ${root}; pass a branch, tag or sha.`);
  }
  return { aclGroups: formerGroups(loadCatalog(await readGitEntries(root, commit)).catalog, catalog) };
}

/**
 * The session target of `--env NAME` in `settings` (a ConfigurationError listing the names there are when it is
 * not declared), else of the implicit environment; with the flags' brokers and registry, and the deprecated
 * replication override of the flag or STEWARD_REPLICATION_FACTOR_OVERRIDE. Nothing connects until a session does.
 */
export function clusterTarget(
  io: CliIo,
  options: ClusterOptions,
  settings?: Catalog['settings'],
): SessionTarget & { readonly environment: Environment } {
  const replicationFactorOverride = replicationOverride(
    options.replicationFactor ?? io.env.STEWARD_REPLICATION_FACTOR_OVERRIDE,
  );
  const environment =
    options.env === undefined ? implicitEnvironment(io.env, settings) : resolveEnvironment(settings, options.env);
  const flags = {
    ...(options.brokers ? { brokers: options.brokers } : {}),
    ...(options.registry ? { registry: options.registry } : {}),
  };
  return {
    connect: () => connectEnvironment(environment, io.env, flags),
    environment,
    ...(replicationFactorOverride === undefined ? {} : { replicationFactorOverride }),
  };
}

/** What a plan's report is told besides the plan: the environment planned and its cluster's printable name. */
export interface PlanContext {
  readonly environment: string;
  readonly cluster: string;
}

/**
 * Selects the environment, plans its desired state against the live cluster and registry in one session, and
 * hands the ordered operations to `report`, which returns the exit code. A catalog with errors plans nothing (exit 1).
 */
export async function reportPlan(
  io: CliIo,
  dir: string | undefined,
  options: ClusterOptions,
  report: (
    operations: readonly Operation[],
    notices: readonly string[],
    findings: readonly Finding[],
    context: PlanContext,
  ) => number,
): Promise<number> {
  const selected = await selectCluster(io, dir, options);
  if (!selected) return exitCodes.findings;
  const { operations, findings, cluster } = await planOnCluster(selected.target, selected.desired);
  return report(operations, selected.desired.notices, findings, { environment: selected.environment.name, cluster });
}

/** The line a text plan or report starts with: which environment, on which cluster. */
export function environmentLine(context: PlanContext): string {
  const cluster = context.cluster === context.environment ? '' : ` (cluster ${context.cluster})`;
  return `Environment ${context.environment}${cluster}.\n`;
}

import { desiredFor, oneLine, planOnCluster, type SessionTarget } from '../../apply/session.js';
import { formerGroups, formerReads } from '../../plan/acl-scope.js';
import type { EnvironmentLivePlan, LivePlan } from '../../render/plan-section.js';
import { environmentsOf } from '../../catalog/environments.js';
import { environmentTargets, targets, type ApplyTarget, type EnvironmentTarget } from '../read/apply-target.js';
import type { CatalogSnapshot } from '../read/catalog-cache.js';
import type { PullRequestRef } from '../types.js';

export type { LivePlan };
type ClusterPlan = Exclude<LivePlan, { environments: unknown }>;

/**
 * What a pull request is planned against: the environments merging it applies (their `branch` is its base
 * branch), each reachable or not from the App's process environment; without declared environments, the
 * implicit one.
 */
export interface LivePlanTarget {
  readonly implicit: boolean;
  readonly environments: readonly EnvironmentTarget[];
}

/**
 * The target a pull request is planned against, if any: only for the repository allowed to change the clusters,
 * only into a branch that applies (as the base catalog sets it: the head cannot redirect it; without declared
 * environments, the applying branch, the repository's default branch when the settings do not say), never from a
 * fork (its author controls the head and could name any topic to read its configuration), and only when the pull
 * request touches a product.
 */
export function livePlanTarget(
  target: ApplyTarget | undefined,
  pr: PullRequestRef,
  snapshot: CatalogSnapshot,
): LivePlanTarget | undefined {
  if (pr.fork || !targets(target, pr) || snapshot.touched.size === 0) return undefined;
  const settings = snapshot.base.catalog.settings;
  if (environmentsOf(settings).length > 0) {
    const environments = environmentTargets(target, settings).filter((e) => e.environment.branch === pr.baseRef);
    return environments.length === 0 ? undefined : { implicit: false, environments };
  }
  const applyBranch = settings?.manifest.applyBranch ?? pr.defaultBranch;
  const implicit = environmentTargets(target, settings);
  if (pr.baseRef !== applyBranch || implicit.length === 0) return undefined;
  return { implicit: true, environments: implicit };
}

/**
 * Plans the head catalog's touched products against each live cluster, read-only, and always disconnects; a
 * declared environment's plan has its overrides applied, and one the App cannot reach says which variables it
 * needs. Never throws: an unreachable cluster or a failed read becomes `unavailable`, since the verdict is about
 * the catalog. A product deleted by the pull request is only in the base: its own topics leave management (apply
 * no longer reads them), and its grants on topics that stay and on its consumer groups are planned for
 * revocation (formerReads, formerGroups).
 */
export function planLive(target: ApplyTarget, snapshot: CatalogSnapshot, timeoutMs?: number): Promise<ClusterPlan>;
export function planLive(target: LivePlanTarget, snapshot: CatalogSnapshot, timeoutMs?: number): Promise<LivePlan>;
export async function planLive(
  given: LivePlanTarget | ApplyTarget,
  snapshot: CatalogSnapshot,
  timeoutMs = livePlanTimeoutMs,
): Promise<LivePlan> {
  // An ApplyTarget is planned as its implicit environment (the STEWARD_* cluster).
  const target: LivePlanTarget =
    'implicit' in given ? given : { implicit: true, environments: environmentTargets(given, undefined) };
  if (target.implicit) {
    const [only] = target.environments;
    if (!only) return { target: 'no cluster', unavailable: 'no cluster is configured' };
    return planOne(only.name, only, snapshot, timeoutMs);
  }
  const environments = await Promise.all(
    target.environments.map(async (e): Promise<EnvironmentLivePlan> => {
      const overrides = overridesOf(e);
      if (!e.reachable) return { environment: e.environment.name, overrides, missing: e.missing };
      return { environment: e.environment.name, overrides, plan: await planOne(e.name, e, snapshot, timeoutMs) };
    }),
  );
  return { environments };
}

async function planOne(
  name: string,
  target: SessionTarget,
  snapshot: CatalogSnapshot,
  timeoutMs: number,
): Promise<ClusterPlan> {
  const head = snapshot.head.catalog;
  const only = snapshot.touched;
  // Apply refuses a catalog with errors, so a plan of one would promise what merging will not do.
  const errors = snapshot.head.findings.filter((f) => f.severity === 'error').length;
  if (errors > 0)
    return { target: name, unavailable: `the head catalog has ${errors} error(s); fix them to see the plan` };
  try {
    const aclTopics = formerReads(snapshot.base.catalog, head, only);
    const aclGroups = formerGroups(snapshot.base.catalog, head, only);
    const desired = desiredFor(target, head, { only, aclTopics, aclGroups });
    const { operations, findings } = await planOnCluster(target, desired, { timeoutMs });
    return { target: name, operations, notices: desired.notices, findings };
  } catch (error) {
    return { target: name, unavailable: oneLine(error) };
  }
}

/** The environment's own overrides, one `key value` each, and how many domains and products have their own. */
function overridesOf(target: EnvironmentTarget): string[] {
  const { environment, domains, products } = target.environment.overrides;
  const own = [
    ...(environment.replicationFactor ? [`replicationFactor ${environment.replicationFactor.value}`] : []),
    ...(environment.partitions ? [`partitions ${environment.partitions.value}`] : []),
    ...[...environment.topicConfigs].map(([key, v]) => `${key} ${v.value ?? '(removed)'}`),
  ];
  const scoped = [
    ...(domains.size > 0 ? [`${domains.size} domain override(s): ${[...domains.keys()].join(', ')}`] : []),
    ...(products.size > 0 ? [`${products.size} product override(s): ${[...products.keys()].join(', ')}`] : []),
  ];
  return [...own, ...scoped];
}

/** A cluster that hangs rather than refuses must not hold the pull request's verdict back. */
const livePlanTimeoutMs = 30_000;

import { ExternalServiceError, StewardError } from '../core/errors.js';
import type { Catalog } from '../catalog/model.js';
import type { Environment } from '../catalog/environments.js';
import { desiredState, type DesiredOptions } from '../plan/desired.js';
import type { DesiredState } from '../plan/state.js';
import { redactUrls } from './display-url.js';
import { applyCluster, planCluster, withRegisteredVersions, type ApplyResult, type ClusterPorts } from './run.js';

/**
 * The cluster a session talks to, as the CLI (flags and environment) or the App (its apply target) configured it.
 * `connect` opens a fresh connection each time; the session that opened it always closes it.
 */
export interface SessionTarget {
  readonly connect: () => ClusterPorts;
  /** The environment it is: its overrides apply to the desired state. Absent: the catalog's own values. */
  readonly environment?: Environment;
  /** Deprecated (an environment's `overrides.replicationFactor` replaces it): every topic's replication factor. */
  readonly replicationFactorOverride?: number;
}

/** What a session saw or did. `cluster` is the ports' name: credential-free, safe to print and record. */
export interface PlanSession {
  readonly cluster: string;
  readonly operations: ApplyResult['operations'];
  /** What the cluster or registry would refuse; an error among them means apply attempts nothing. */
  readonly findings: ApplyResult['findings'];
}

export interface ApplySession extends PlanSession {
  readonly outcomes: ApplyResult['outcomes'];
  readonly warnings: readonly string[];
}

/**
 * The desired state of `catalog` on this target: the overrides of its environment applied (each value they decide
 * marked, so plans say so), and the deprecated replication override, when set, on every topic.
 */
export function desiredFor(
  target: Pick<SessionTarget, 'environment' | 'replicationFactorOverride'>,
  catalog: Catalog,
  options: Omit<DesiredOptions, 'replicationFactorOverride' | 'environment'> = {},
): DesiredState {
  const { environment, replicationFactorOverride } = target;
  return desiredState(catalog, {
    ...options,
    ...(environment === undefined ? {} : { environment }),
    ...(replicationFactorOverride === undefined ? {} : { replicationFactorOverride }),
  });
}

/**
 * Connect → read actual state → plan → disconnect. Read-only. With `timeoutMs`, a cluster that hangs rather than
 * refuses fails the session after that long (the connection is closed all the same).
 */
export function planOnCluster(
  target: SessionTarget,
  desired: DesiredState,
  options: { readonly timeoutMs?: number } = {},
): Promise<PlanSession> {
  return inSession(
    target,
    async (ports) => {
      const { operations, findings } = await planCluster(desired, ports);
      return { cluster: ports.name, operations, findings };
    },
    options.timeoutMs,
  );
}

/**
 * Connect → plan and apply under the cluster's lock → disconnect. No timeout: an apply that has started is never
 * abandoned halfway. With `registeredVersions`, each registration's subject version is read back for the record.
 */
export function applyOnCluster(
  target: SessionTarget,
  desired: DesiredState,
  options: { readonly breakLock?: boolean; readonly registeredVersions?: boolean } = {},
): Promise<ApplySession> {
  return inSession(target, async (ports) => {
    const applied = await applyCluster(desired, ports, { breakLock: options.breakLock === true });
    const outcomes = options.registeredVersions
      ? await withRegisteredVersions(applied.outcomes, ports.registry)
      : applied.outcomes;
    const { operations, findings, warnings } = applied;
    return { cluster: ports.name, operations, findings, outcomes, warnings };
  });
}

/**
 * The one place a cluster connection is opened and closed. Every failure leaves as a StewardError: the typed
 * errors of the adapters as they are, anything else (a client library's own error, a timeout) as an
 * ExternalServiceError whose message has every URL cut to its origin.
 */
async function inSession<T>(
  target: SessionTarget,
  work: (ports: ClusterPorts) => Promise<T>,
  timeoutMs?: number,
): Promise<T> {
  let ports: ClusterPorts | undefined;
  try {
    ports = target.connect();
    return await (timeoutMs === undefined ? work(ports) : withTimeout(work(ports), timeoutMs));
  } catch (error) {
    if (error instanceof StewardError) throw error;
    throw new ExternalServiceError('cluster', redactUrls(messageOf(error)), { retryable: true, cause: error });
  } finally {
    // A failed close must not turn a plan or an apply into a failure: the connection is gone either way.
    await ports?.kafka.close().catch(() => undefined);
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ExternalServiceError('cluster', `the cluster did not answer within ${ms / 1000} s`, { retryable: true }),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The error's first line, short, with every URL a client library may have put in it cut to its origin. */
export function oneLine(error: unknown): string {
  const lines = messageOf(error).split(/\r?\n/);
  const line = (lines.find((l) => l.trim() !== '') ?? 'unknown error').trim();
  const clean = redactUrls(line).replace(/\/\/[^/@\s]*@/g, '//');
  return clean.length > 300 ? `${clean.slice(0, 299)}…` : clean;
}

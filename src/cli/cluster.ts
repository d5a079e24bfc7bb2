import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadCatalog } from '../catalog/load.js';
import { hasErrors } from '../core/findings.js';
import { PlatformaticKafkaAdmin, type KafkaConnection } from '../apply/kafka-admin.js';
import { HttpSchemaRegistry } from '../apply/schema-registry.js';
import { planCluster, type ClusterPorts } from '../apply/run.js';
import type { Operation } from '../plan/operations.js';
import { desiredState } from '../plan/desired.js';
import type { DesiredState } from '../plan/state.js';
import { readDirectorySource } from './fs-source.js';
import { exitCodes, UsageError, type CliIo } from './io.js';
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
  const raw = options.replicationFactor ?? io.env.STEWARD_REPLICATION_FACTOR_OVERRIDE;
  if (raw === undefined || raw === '') return desiredState(catalog);
  const replicationFactorOverride = Number(raw);
  if (!Number.isInteger(replicationFactorOverride) || replicationFactorOverride < 1)
    throw new UsageError(`Replication factor override "${raw}" is not a positive integer.`);
  return desiredState(catalog, { replicationFactorOverride });
}

/** Connects to the cluster named by flags or environment (STEWARD_KAFKA_* and STEWARD_REGISTRY_*). */
export function connectCluster(io: CliIo, options: ClusterOptions): ClusterPorts {
  const env = io.env;
  const brokers = (options.brokers ?? env.STEWARD_KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const url = options.registry ?? env.STEWARD_REGISTRY_URL;
  if (brokers.length === 0) throw new UsageError('No Kafka cluster: pass --brokers or set STEWARD_KAFKA_BROKERS.');
  if (!url) throw new UsageError('No schema registry: pass --registry or set STEWARD_REGISTRY_URL.');
  const connection: { -readonly [K in keyof KafkaConnection]: KafkaConnection[K] } = { brokers };
  const mechanism = env.STEWARD_KAFKA_SASL_MECHANISM;
  if (mechanism) {
    if (mechanism !== 'PLAIN' && mechanism !== 'SCRAM-SHA-256' && mechanism !== 'SCRAM-SHA-512')
      throw new UsageError(
        `STEWARD_KAFKA_SASL_MECHANISM "${mechanism}" is not one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512.`,
      );
    connection.sasl = {
      mechanism,
      username: env.STEWARD_KAFKA_USERNAME ?? '',
      password: env.STEWARD_KAFKA_PASSWORD ?? '',
    };
  }
  if (env.STEWARD_KAFKA_TLS === 'true') connection.tls = true;
  return {
    kafka: new PlatformaticKafkaAdmin(connection),
    registry: new HttpSchemaRegistry({
      url,
      ...(env.STEWARD_REGISTRY_USERNAME === undefined
        ? {}
        : { username: env.STEWARD_REGISTRY_USERNAME, password: env.STEWARD_REGISTRY_PASSWORD ?? '' }),
    }),
    name: `${brokers.join(',')} ${url}`,
  };
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

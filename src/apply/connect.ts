import { ConfigurationError } from '../core/errors.js';
import type { Environment } from '../catalog/environments.js';
import { PlatformaticKafkaAdmin, type KafkaConnection } from './kafka-admin.js';
import type { ClusterPorts } from './run.js';
import { brokerOrigin, urlOrigin } from './display-url.js';
import { HttpSchemaRegistry } from './schema-registry.js';

/** Where the cluster is, from flags or the environment. Secrets come from the environment only. */
export interface ClusterTarget {
  readonly brokers?: string;
  readonly registry?: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Whether the environment (or flags) name a cluster at all: the App plans and applies only when they do. */
export function clusterConfigured(env: Env, target: ClusterTarget = {}): boolean {
  return Boolean((target.brokers ?? env.STEWARD_KAFKA_BROKERS) && (target.registry ?? env.STEWARD_REGISTRY_URL));
}

/**
 * Connects to the cluster named by flags or by STEWARD_KAFKA_* and STEWARD_REGISTRY_* (README, "Configuration").
 * The port's name (for the apply lock, reports and audit records) is clusterName's: never credentials, a query or
 * a path.
 */
export function connectCluster(env: Env, target: ClusterTarget = {}): ClusterPorts {
  const brokers = brokersOf(env, target);
  const url = target.registry ?? env.STEWARD_REGISTRY_URL;
  if (brokers.length === 0)
    throw new ConfigurationError('No Kafka cluster: pass --brokers or set STEWARD_KAFKA_BROKERS.');
  if (!url) throw new ConfigurationError('No schema registry: pass --registry or set STEWARD_REGISTRY_URL.');
  const connection: { -readonly [K in keyof KafkaConnection]: KafkaConnection[K] } = { brokers };
  const sasl = saslFrom(env);
  if (sasl) connection.sasl = sasl;
  if (env.STEWARD_KAFKA_TLS === 'true') connection.tls = true;
  const timeoutMs = registryTimeout(env.STEWARD_REGISTRY_TIMEOUT_MS);
  return {
    kafka: new PlatformaticKafkaAdmin(connection),
    // The URL goes whole to the client, which sends its query and moves its userinfo into basic auth.
    registry: new HttpSchemaRegistry({
      url,
      ...registryAuth(env),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    }),
    name: clusterName(env, target),
  };
}

/**
 * How the cluster is named wherever it is printed or recorded: STEWARD_CLUSTER_NAME when set, else the brokers'
 * `host:port` and the registry's scheme, host and port. Nothing else of a URL (userinfo, path, a `?api_key=` query)
 * ever reaches a name, a report or an audit note.
 */
export function clusterName(env: Env, target: ClusterTarget = {}): string {
  const configured = env.STEWARD_CLUSTER_NAME?.trim();
  if (configured) return configured;
  const url = target.registry ?? env.STEWARD_REGISTRY_URL ?? '';
  return `${brokersOf(env, target).map(brokerOrigin).join(',')} ${urlOrigin(url)}`;
}

function brokersOf(env: Env, target: ClusterTarget): string[] {
  return (target.brokers ?? env.STEWARD_KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

/** Basic auth from STEWARD_REGISTRY_USERNAME / _PASSWORD; without them the client takes the URL's userinfo. */
function registryAuth(env: Env): { username?: string; password?: string } {
  if (env.STEWARD_REGISTRY_USERNAME === undefined) return {};
  return { username: env.STEWARD_REGISTRY_USERNAME, password: env.STEWARD_REGISTRY_PASSWORD ?? '' };
}

/** STEWARD_REGISTRY_TIMEOUT_MS: how long a registry request waits without an answer (default 30 s). */
function registryTimeout(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new ConfigurationError(`STEWARD_REGISTRY_TIMEOUT_MS "${raw}" is not a positive number of milliseconds.`);
  return n;
}

function saslFrom(env: Env): KafkaConnection['sasl'] {
  const mechanism = env.STEWARD_KAFKA_SASL_MECHANISM;
  if (!mechanism) return undefined;
  if (mechanism !== 'PLAIN' && mechanism !== 'SCRAM-SHA-256' && mechanism !== 'SCRAM-SHA-512')
    throw new ConfigurationError(
      `STEWARD_KAFKA_SASL_MECHANISM "${mechanism}" is not one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512.`,
    );
  return { mechanism, username: env.STEWARD_KAFKA_USERNAME ?? '', password: env.STEWARD_KAFKA_PASSWORD ?? '' };
}

/**
 * Connects to an environment (catalog/environments.ts): the implicit one exactly as `connectCluster` does; a
 * declared one through the variables it names, each checked to be set (the error names the variable, never a
 * value). Flags, when given, win over the environment's brokers and registry. The ports' name is the environment's
 * `clusterName`, else its name: what the apply lock, reports and audit records call it.
 */
export function connectEnvironment(environment: Environment, env: Env, target: ClusterTarget = {}): ClusterPorts {
  if (environment.implicit) return connectCluster(env, target);
  return connectCluster(variablesOf(environment, env, target), target);
}

/** Whether the environment's cluster is reachable from `env` at all: its brokers and registry variables are set. */
export function environmentConfigured(environment: Environment, env: Env): boolean {
  if (environment.implicit) return clusterConfigured(env);
  return Boolean(env[environment.kafka.brokers]?.trim() && env[environment.registry.url]?.trim());
}

/** A declared environment's connection in the STEWARD_* shape `connectCluster` reads. */
function variablesOf(environment: Environment, env: Env, target: ClusterTarget): Env {
  const { kafka, registry, name } = environment;
  const read = (variable: string | undefined, what: string, flag?: string): string | undefined => {
    if (variable === undefined) return undefined;
    const value = env[variable];
    if ((value === undefined || value.trim() === '') && flag === undefined)
      throw new ConfigurationError(
        `Environment ${name} reads ${what} from $${variable}, which is not set; set it (services:up prints it for local), or check the name in .github/steward.yml.`,
      );
    return value;
  };
  const optional = (variable: string | undefined) => (variable === undefined ? undefined : env[variable]);
  const mechanism = optional(kafka.saslMechanism);
  if (mechanism && !['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'].includes(mechanism))
    throw new ConfigurationError(
      `Environment ${name} reads its SASL mechanism from $${kafka.saslMechanism}, whose value "${mechanism.slice(0, 40)}" is not one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512.`,
    );
  return {
    STEWARD_KAFKA_BROKERS: read(kafka.brokers, 'its Kafka brokers', target.brokers),
    STEWARD_REGISTRY_URL: read(registry.url, 'its schema registry URL', target.registry),
    STEWARD_KAFKA_SASL_MECHANISM: mechanism,
    STEWARD_KAFKA_USERNAME: optional(kafka.username),
    STEWARD_KAFKA_PASSWORD: optional(kafka.password),
    STEWARD_KAFKA_TLS: kafka.tls ? 'true' : undefined,
    STEWARD_REGISTRY_USERNAME: optional(registry.username),
    STEWARD_REGISTRY_PASSWORD: optional(registry.password),
    STEWARD_REGISTRY_TIMEOUT_MS: env.STEWARD_REGISTRY_TIMEOUT_MS,
    STEWARD_CLUSTER_NAME: environment.clusterName ?? name,
  };
}

/**
 * STEWARD_REPLICATION_FACTOR_OVERRIDE (or the flag), checked: e.g. 1 on a single-broker test cluster. Deprecated:
 * an environment's `overrides.replicationFactor` replaces it.
 */
export function replicationOverride(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new ConfigurationError(`Replication factor override "${raw}" is not a positive integer.`);
  return n;
}

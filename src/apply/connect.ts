import { ConfigurationError } from '../core/errors.js';
import { PlatformaticKafkaAdmin, type KafkaConnection } from './kafka-admin.js';
import type { ClusterPorts } from './run.js';
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
 * The port's name (for the apply lock and reports) holds the brokers and the registry URL without credentials.
 */
export function connectCluster(env: Env, target: ClusterTarget = {}): ClusterPorts {
  const brokers = (target.brokers ?? env.STEWARD_KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const url = target.registry ?? env.STEWARD_REGISTRY_URL;
  if (brokers.length === 0)
    throw new ConfigurationError('No Kafka cluster: pass --brokers or set STEWARD_KAFKA_BROKERS.');
  if (!url) throw new ConfigurationError('No schema registry: pass --registry or set STEWARD_REGISTRY_URL.');
  const connection: { -readonly [K in keyof KafkaConnection]: KafkaConnection[K] } = { brokers };
  const sasl = saslFrom(env);
  if (sasl) connection.sasl = sasl;
  if (env.STEWARD_KAFKA_TLS === 'true') connection.tls = true;
  return {
    kafka: new PlatformaticKafkaAdmin(connection),
    registry: new HttpSchemaRegistry({ url: withoutCredentials(url), ...registryAuth(env, url) }),
    name: `${brokers.join(',')} ${withoutCredentials(url)}`,
  };
}

/**
 * Basic auth from STEWARD_REGISTRY_USERNAME / _PASSWORD, else from a `https://user:secret@host` URL: fetch refuses
 * URLs that carry credentials, so they move into the header.
 */
function registryAuth(env: Env, url: string): { username?: string; password?: string } {
  if (env.STEWARD_REGISTRY_USERNAME !== undefined)
    return { username: env.STEWARD_REGISTRY_USERNAME, password: env.STEWARD_REGISTRY_PASSWORD ?? '' };
  try {
    const parsed = new URL(url);
    if (parsed.username === '') return {};
    return { username: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
  } catch {
    return {};
  }
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

/** A URL written as https://user:secret@host must not carry its secret into reports and logs. */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

/** STEWARD_REPLICATION_FACTOR_OVERRIDE (or the flag), checked: e.g. 1 on a single-broker test cluster. */
export function replicationOverride(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new ConfigurationError(`Replication factor override "${raw}" is not a positive integer.`);
  return n;
}

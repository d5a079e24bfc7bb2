import { ConfigurationError } from '../core/errors.js';
import type { Location } from '../core/findings.js';
import { closest } from '../core/suggest.js';
import type { EnvironmentManifest, OverrideValuesManifest, SettingsManifest } from './manifest-types.js';
import type { SourceDocument } from './model.js';

/**
 * The environments of .github/steward.yml as the engine and the shells use them: plain data, resolved from the
 * settings (pure). One catalog, several clusters; each environment names the variables that hold its connection
 * (never their values) and may override the catalog's replication factor, partitions and topic configs.
 *
 * The API other parts build on:
 * - `environmentsOf(settings)`: the declared environments, in promotion order;
 * - `resolveEnvironment(settings, name)`: one of them, or a ConfigurationError that lists the names there are;
 * - `implicitEnvironment(processEnv, settings)`: the environment the STEWARD_KAFKA_* / STEWARD_REGISTRY_* variables
 *   describe, used when no `--env` is given (so set-ups from before environments keep working);
 * - `applyingEnvironments(settings, branch)`: the environments a push to `branch` applies, in promotion order.
 * The connection is opened by `connectEnvironment` (src/apply/connect.ts, a shell); the overrides are applied by
 * `desiredState(catalog, { environment })` (src/plan/desired.ts, through src/plan/overrides.ts).
 */
export interface Environment {
  readonly name: string;
  /** True for the environment of the STEWARD_* variables (no `--env`); it has no overrides. */
  readonly implicit: boolean;
  /** The names of the variables that hold the connection. */
  readonly kafka: KafkaVariables;
  readonly registry: RegistryVariables;
  /** How reports, the apply lock and audit records name the cluster; absent: the environment's name. */
  readonly clusterName?: string;
  /** The branch whose pushes apply it in the App; absent: never applied on merge (plan and drift only). */
  readonly branch?: string;
  /** The environment it waits for: applied only after that one succeeded for the same commit. */
  readonly after?: string;
  readonly overrides: EnvironmentOverrides;
  /** Where it is declared (its `name`); absent for the implicit environment. */
  readonly location?: Location;
}

export interface KafkaVariables {
  readonly brokers: string;
  readonly saslMechanism?: string;
  readonly username?: string;
  readonly password?: string;
  /** Declared environments: whether to use TLS. */
  readonly tls?: boolean;
  /** The implicit environment: the variable whose value `true` turns TLS on. */
  readonly tlsVariable?: string;
}

export interface RegistryVariables {
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
}

/** A value as written in the settings, with where it is written: plans and findings point at it. */
export interface Located<T> {
  readonly value: T;
  readonly location: Location;
}

/** What one override block replaces. A topic config whose value is undefined (`null` in YAML) is dropped. */
export interface OverrideValues {
  readonly replicationFactor?: Located<number>;
  readonly partitions?: Located<number>;
  readonly topicConfigs: ReadonlyMap<string, Located<string | undefined>>;
}

/** Most specific wins: a product's block, then the deepest domain's, then the environment's own. */
export interface EnvironmentOverrides {
  readonly environment: OverrideValues;
  /** By domain id; each applies to its domain's subtree. */
  readonly domains: ReadonlyMap<string, OverrideValues>;
  /** By product id. */
  readonly products: ReadonlyMap<string, OverrideValues>;
}

type Settings = { readonly manifest: SettingsManifest; readonly document: SourceDocument } | undefined;

/** The name of the implicit environment unless STEWARD_CLUSTER_NAME gives one. */
export const implicitEnvironmentName = 'default';

const noValues: OverrideValues = { topicConfigs: new Map() };
const noOverrides: EnvironmentOverrides = { environment: noValues, domains: new Map(), products: new Map() };

/** The declared environments, in promotion order (the order of the file). Empty when the settings declare none. */
export function environmentsOf(settings: Settings): Environment[] {
  if (!settings) return [];
  return (settings.manifest.environments ?? []).map((manifest, index) =>
    toEnvironment(manifest, index, settings.document),
  );
}

/** The declared environment `name`; a ConfigurationError naming the ones there are when it is not declared. */
export function resolveEnvironment(settings: Settings, name: string): Environment {
  const all = environmentsOf(settings);
  const found = all.find((e) => e.name === name);
  if (found) return found;
  const file = settings?.document.path ?? '.github/steward.yml';
  if (all.length === 0)
    throw new ConfigurationError(
      `No environment "${name}": ${file} declares no environments. Declare it under \`environments:\` ` +
        '(docs/manifest.md, "Environments"), or leave out --env to use STEWARD_KAFKA_BROKERS and STEWARD_REGISTRY_URL.',
    );
  const names = all.map((e) => e.name);
  const hint = closest(name, names);
  throw new ConfigurationError(
    `No environment "${name}" in ${file}${hint ? ` (did you mean "${hint}"?)` : ''}; it declares: ${names.join(', ')}.`,
  );
}

/**
 * The environment the STEWARD_* variables describe (README, "Plan, apply, drift"): named by STEWARD_CLUSTER_NAME,
 * else `default`; applied by the settings' `applyBranch` (absent: the repository's default branch, which only the
 * App knows). It has no overrides.
 */
export function implicitEnvironment(
  processEnv: Readonly<Record<string, string | undefined>>,
  settings?: Settings,
): Environment {
  const applyBranch = settings?.manifest.applyBranch;
  return {
    name: processEnv.STEWARD_CLUSTER_NAME?.trim() || implicitEnvironmentName,
    implicit: true,
    kafka: {
      brokers: 'STEWARD_KAFKA_BROKERS',
      saslMechanism: 'STEWARD_KAFKA_SASL_MECHANISM',
      username: 'STEWARD_KAFKA_USERNAME',
      password: 'STEWARD_KAFKA_PASSWORD',
      tlsVariable: 'STEWARD_KAFKA_TLS',
    },
    registry: {
      url: 'STEWARD_REGISTRY_URL',
      username: 'STEWARD_REGISTRY_USERNAME',
      password: 'STEWARD_REGISTRY_PASSWORD',
    },
    ...(applyBranch === undefined ? {} : { branch: applyBranch }),
    overrides: noOverrides,
  };
}

/** The declared environments a push to `branch` applies, in promotion order. */
export function applyingEnvironments(settings: Settings, branch: string): Environment[] {
  return environmentsOf(settings).filter((e) => e.branch === branch);
}

/** The names of every variable the environment reads, in a stable order: for help and for `services:up`. */
export function environmentVariables(environment: Environment): string[] {
  const { kafka, registry } = environment;
  const names = [
    kafka.brokers,
    kafka.saslMechanism,
    kafka.username,
    kafka.password,
    kafka.tlsVariable,
    registry.url,
    registry.username,
    registry.password,
  ];
  return names.filter((n): n is string => n !== undefined);
}

function toEnvironment(manifest: EnvironmentManifest, index: number, document: SourceDocument): Environment {
  const at = (...path: (string | number)[]) => document.locate(['environments', index, ...path]);
  const overrides = manifest.overrides;
  const block = (values: OverrideValuesManifest | undefined, ...path: string[]) =>
    values === undefined ? noValues : overrideValues(values, (...rest) => at('overrides', ...path, ...rest));
  return {
    name: manifest.name,
    implicit: false,
    kafka: { ...manifest.kafka },
    registry: { ...manifest.registry },
    ...(manifest.clusterName === undefined ? {} : { clusterName: manifest.clusterName }),
    ...(manifest.branch === undefined ? {} : { branch: manifest.branch }),
    ...(manifest.after === undefined ? {} : { after: manifest.after }),
    overrides: {
      environment: block(overrides),
      domains: new Map(Object.entries(overrides?.domains ?? {}).map(([id, v]) => [id, block(v, 'domains', id)])),
      products: new Map(Object.entries(overrides?.products ?? {}).map(([id, v]) => [id, block(v, 'products', id)])),
    },
    location: at('name'),
  };
}

function overrideValues(values: OverrideValuesManifest, at: (...path: string[]) => Location): OverrideValues {
  const located = <T>(value: T, ...path: string[]): Located<T> => ({ value, location: at(...path) });
  return {
    ...(values.replicationFactor === undefined
      ? {}
      : { replicationFactor: located(values.replicationFactor, 'replicationFactor') }),
    ...(values.partitions === undefined ? {} : { partitions: located(values.partitions, 'partitions') }),
    topicConfigs: new Map(
      Object.entries(values.topicConfigs ?? {}).map(([key, value]) => [
        key,
        located(value === null ? undefined : String(value), 'topicConfigs', key),
      ]),
    ),
  };
}

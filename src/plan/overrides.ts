import type { Environment, Located, OverrideValues } from '../catalog/environments.js';
import type { Location } from '../core/findings.js';
import type { Operation } from './operations.js';
import type { DesiredState, TopicSpec } from './state.js';

/**
 * Where a value of the desired state came from when it is not the catalog's: one override block of an
 * environment in .github/steward.yml, or the deprecated replication override (`--replication-factor`,
 * STEWARD_REPLICATION_FACTOR_OVERRIDE). Plans and reports say it next to the value.
 */
export interface OverrideSource {
  /** The environment whose settings say so (for the deprecated override: the environment it was given for). */
  readonly environment: string;
  readonly scope: 'environment' | 'domain' | 'product' | 'deprecated-flag';
  /** The domain or product id, for those scopes. */
  readonly id?: string;
  /** The line in .github/steward.yml; absent for the deprecated override. */
  readonly location?: Location;
}

/** Which of a topic's values came from an override. A config listed with no value in the spec was dropped. */
export interface TopicOverrides {
  readonly replicationFactor?: OverrideSource;
  readonly partitions?: OverrideSource;
  readonly configs?: Readonly<Record<string, OverrideSource>>;
}

/** A value the overrides decide for one product's topics, with its source. */
interface Decided<T> {
  readonly value: T;
  readonly source: OverrideSource;
}

/** The overrides that apply to one product: each field from its most specific block. */
export interface ProductOverrides {
  readonly replicationFactor?: Decided<number>;
  readonly partitions?: Decided<number>;
  readonly topicConfigs: ReadonlyMap<string, Decided<string | undefined>>;
}

/**
 * The environment's overrides for one product, field by field and config by config: the product's own block wins,
 * then the deepest of its domains (a domain's block covers its subtree), then the environment's own. Pure.
 */
export function overridesFor(environment: Environment, product: { id: string; domainId: string }): ProductOverrides {
  const { overrides, name } = environment;
  const blocks: { values: OverrideValues; source: OverrideSource }[] = [
    { values: overrides.environment, source: { environment: name, scope: 'environment' } },
  ];
  // Shallowest first, so that a deeper domain's value replaces its parent's.
  const domains = [...overrides.domains.keys()]
    .filter((id) => product.domainId === id || product.domainId.startsWith(`${id}/`))
    .sort((a, b) => a.split('/').length - b.split('/').length);
  for (const id of domains)
    blocks.push({
      values: overrides.domains.get(id) as OverrideValues,
      source: { environment: name, scope: 'domain', id },
    });
  const own = overrides.products.get(product.id);
  if (own) blocks.push({ values: own, source: { environment: name, scope: 'product', id: product.id } });
  let replicationFactor: Decided<number> | undefined;
  let partitions: Decided<number> | undefined;
  const topicConfigs = new Map<string, Decided<string | undefined>>();
  for (const { values, source } of blocks) {
    if (values.replicationFactor) replicationFactor = decided(values.replicationFactor, source);
    if (values.partitions) partitions = decided(values.partitions, source);
    for (const [key, value] of values.topicConfigs) topicConfigs.set(key, decided(value, source));
  }
  return {
    ...(replicationFactor ? { replicationFactor } : {}),
    ...(partitions ? { partitions } : {}),
    topicConfigs,
  };
}

function decided<T>(located: Located<T>, source: OverrideSource): Decided<T> {
  return { value: located.value, source: { ...source, location: located.location } };
}

/** The deprecated replication override, as one more (least located, most general) override. */
export function deprecatedReplication(environment: string, value: number): Decided<number> {
  return { value, source: { environment, scope: 'deprecated-flag' } };
}

/**
 * A topic as the catalog says it, with the overrides applied, and which values they decided. `replication` is the
 * deprecated override, which wins over everything (it has always replaced every topic's replication factor).
 */
export function overrideTopic(
  topic: TopicSpec,
  overrides: ProductOverrides | undefined,
  replication?: Decided<number>,
): { topic: TopicSpec; overridden: TopicOverrides | undefined } {
  const rf = replication ?? overrides?.replicationFactor;
  const partitions = overrides?.partitions;
  const configs: Record<string, string> = { ...topic.configs };
  const configSources: Record<string, OverrideSource> = {};
  for (const [key, { value, source }] of overrides?.topicConfigs ?? []) {
    if (value === undefined) {
      if (!(key in configs)) continue;
      delete configs[key];
    } else configs[key] = value;
    configSources[key] = source;
  }
  const overridden: TopicOverrides = {
    ...(rf ? { replicationFactor: rf.source } : {}),
    ...(partitions ? { partitions: partitions.source } : {}),
    ...(Object.keys(configSources).length > 0 ? { configs: configSources } : {}),
  };
  return {
    topic: {
      ...topic,
      replicationFactor: rf?.value ?? topic.replicationFactor,
      partitions: partitions?.value ?? topic.partitions,
      configs,
    },
    overridden: Object.keys(overridden).length > 0 ? overridden : undefined,
  };
}

/**
 * Each topic operation with the overrides behind the values it sets (`overrides`), so that every plan, report and
 * JSON output can say which values came from an environment rather than the catalog. Operations on topics without
 * overrides, and every other operation, are returned as they are. Pure.
 */
export function annotateOverrides(operations: readonly Operation[], desired: DesiredState): Operation[] {
  const all = desired.overrides;
  if (!all || all.size === 0) return [...operations];
  return operations.map((op) => {
    const topic = all.get(op.resource);
    const relevant = topic && relevantOverrides(op, topic);
    return relevant ? ({ ...op, overrides: relevant } as Operation) : op;
  });
}

function relevantOverrides(op: Operation, topic: TopicOverrides): TopicOverrides | undefined {
  switch (op.kind) {
    case 'create-topic':
      return topic;
    case 'add-partitions':
    case 'shrink-partitions':
      return topic.partitions && { partitions: topic.partitions };
    case 'change-replication':
      return topic.replicationFactor && { replicationFactor: topic.replicationFactor };
    case 'alter-config': {
      const keys = [...Object.keys(op.set), ...op.remove].filter((k) => topic.configs?.[k] !== undefined);
      if (keys.length === 0) return undefined;
      return { configs: Object.fromEntries(keys.map((k) => [k, topic.configs?.[k] as OverrideSource])) };
    }
    default:
      return undefined;
  }
}

/** `override: environment local`, `override: domain commerce in environment prod`, …: what a plan line says. */
export function describeOverride(source: OverrideSource): string {
  switch (source.scope) {
    case 'environment':
      return `override: environment ${source.environment}`;
    case 'domain':
    case 'product':
      return `override: ${source.scope} ${source.id ?? ''} in environment ${source.environment}`;
    case 'deprecated-flag':
      return 'override: deprecated --replication-factor';
  }
}

/**
 * The notice a plan of an overriding environment starts with, so that even an empty plan says what the environment
 * changes: `Environment local overrides the catalog (.github/steward.yml:21): replication factor 1,
 * min.insync.replicas=1 on every topic.` Undefined when the environment overrides nothing.
 */
export function overridesNotice(environment: Environment): string | undefined {
  const { overrides } = environment;
  const own = overrides.environment;
  const parts = [
    ...(own.replicationFactor ? [`replication factor ${own.replicationFactor.value}`] : []),
    ...(own.partitions ? [`${own.partitions.value} partitions`] : []),
    ...[...own.topicConfigs].map(([k, v]) =>
      v.value === undefined ? `${k} at the broker default` : `${k}=${v.value}`,
    ),
  ];
  const scoped = [
    ...(overrides.domains.size > 0 ? [`${overrides.domains.size} domain(s)`] : []),
    ...(overrides.products.size > 0 ? [`${overrides.products.size} product(s)`] : []),
  ];
  if (parts.length === 0 && scoped.length === 0) return undefined;
  const where = environment.location ? ` (${environment.location.path}:${environment.location.line})` : '';
  const every = parts.length > 0 ? `: ${parts.join(', ')} on every topic` : '';
  const more =
    scoped.length > 0 ? `${parts.length > 0 ? '; and' : ':'} its own values for ${scoped.join(' and ')}` : '';
  return `Environment ${environment.name} overrides the catalog${where}${every}${more}; each value that comes from an override is marked (override: …).`;
}

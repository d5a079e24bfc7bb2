import { spanAt, type PathSegment } from '../core/data-node.js';
import type { Finding, Location, Severity } from '../core/findings.js';
import { closest } from '../core/suggest.js';
import type { RuleId } from '../rules/registry.js';
import { overridesFor, overrideTopic, type OverrideSource } from '../plan/overrides.js';
import { branchNameProblem } from './branch-name.js';
import { environmentsOf, type Environment } from './environments.js';
import type { Catalog, SourceDocument } from './model.js';
import { topicConfigProblem } from './topic-configs.js';

/** Fallbacks of desired.ts, for judging what an environment makes of a port. */
const fallbackReplication = 3;

/**
 * Checks of `environments:` that need no catalog, on the plain value of .github/steward.yml whether or not it
 * matched the schema (so every access is guarded): override topic configs as Kafka reads them, and each
 * environment's `branch` as git names branches.
 */
export function validateEnvironmentValues(settings: Record<string, unknown>, document: SourceDocument): Finding[] {
  const list = settings['environments'];
  if (!Array.isArray(list)) return [];
  const findings: Finding[] = [];
  list.forEach((env: unknown, i) => {
    if (!isRecord(env)) return;
    const name = typeof env['name'] === 'string' ? env['name'] : `#${i + 1}`;
    const branch = env['branch'];
    const problem = typeof branch === 'string' && branch !== '' ? branchNameProblem(branch) : undefined;
    if (problem)
      findings.push(
        finding(
          'MANIFEST_INVALID_VALUE',
          `Environment ${name}'s \`branch\` ${JSON.stringify(branch)} is not a branch name git accepts: it ${problem}; name the branch whose pushes apply it, e.g. \`main\`.`,
          document.locate(['environments', i, 'branch']),
        ),
      );
    for (const [path, configs] of overrideBlocks(env['overrides'], ['environments', i, 'overrides']))
      findings.push(...configFindings(name, configs, path, document));
  });
  return findings;
}

/** Each override block of an environment (its own, each domain's, each product's) with its path. */
function overrideBlocks(overrides: unknown, path: PathSegment[]): [PathSegment[], unknown][] {
  if (!isRecord(overrides)) return [];
  const blocks: [PathSegment[], unknown][] = [[[...path, 'topicConfigs'], overrides['topicConfigs']]];
  for (const scope of ['domains', 'products'] as const) {
    const byId = overrides[scope];
    if (!isRecord(byId)) continue;
    for (const [id, values] of Object.entries(byId))
      if (isRecord(values)) blocks.push([[...path, scope, id, 'topicConfigs'], values['topicConfigs']]);
  }
  return blocks;
}

function configFindings(env: string, configs: unknown, path: PathSegment[], document: SourceDocument): Finding[] {
  if (!isRecord(configs)) return [];
  const findings: Finding[] = [];
  for (const [key, value] of Object.entries(configs)) {
    // A name of the wrong form is the schema's finding; `null` drops the port's value.
    if (!/^[a-z][a-z0-9.]*$/.test(key) || value === null) continue;
    const at = [...path, key];
    const problem = topicConfigProblem(key, value, () => written(document, at));
    if (problem?.kind === 'unknown') {
      const fix = problem.removed
        ? 'remove it.'
        : problem.hint
          ? `did you mean \`${problem.hint}\`?`
          : 'remove it, or check the spelling against the Kafka topic configs.';
      const what = problem.removed ? 'which Kafka 4.0 removed' : 'which is not a Kafka topic config';
      findings.push(
        finding(
          'TOPIC_CONFIG_UNKNOWN',
          `Environment ${env} overrides \`${key.slice(0, 80)}\`, ${what}, so the broker would refuse the topics it covers; ${fix}`,
          document.locate(at, { key: true }),
        ),
      );
    } else if (problem)
      findings.push(
        finding(
          'TOPIC_CONFIG_INVALID',
          `Environment ${env} overrides \`${key}\` with ${written(document, at)}, which Kafka refuses: ${problem.reason}.`,
          document.locate(at),
        ),
      );
  }
  return findings;
}

/**
 * Checks of the environments against each other and against the catalog: unique names, a promotion order that
 * `after` can follow (an earlier, existing environment, no cycle, applied by the same branch), overrides of
 * domains and products that exist, and no override that leaves a topic with more in-sync replicas required than
 * it has replicas. Pure; only for settings that matched the schema.
 */
export function validateEnvironments(catalog: Catalog): Finding[] {
  const settings = catalog.settings;
  if (!settings?.manifest.environments) return [];
  const environments = environmentsOf(settings);
  const doc = settings.document;
  return [
    ...duplicates(environments),
    ...environments.flatMap((env, i) => afterFindings(env, i, environments, doc)),
    ...environments.flatMap((env, i) => unknownTargets(env, i, catalog, doc)),
    ...environments.flatMap((env) => insyncConflicts(env, catalog)),
  ];
}

function duplicates(environments: readonly Environment[]): Finding[] {
  const first = new Map<string, Environment>();
  const findings: Finding[] = [];
  for (const env of environments) {
    const earlier = first.get(env.name);
    if (!earlier) {
      first.set(env.name, env);
      continue;
    }
    const message = `Environment name "${env.name}" is declared twice (first at line ${earlier.location?.line}); --env, promotion and drift reports could not tell them apart. Rename or remove one.`;
    findings.push({
      ...finding('ENVIRONMENT_DUPLICATE', message, at(env)),
      ...(earlier.location ? { previousLocation: earlier.location } : {}),
    });
  }
  return findings;
}

function afterFindings(env: Environment, index: number, all: readonly Environment[], doc: SourceDocument): Finding[] {
  if (env.after === undefined) return [];
  const location = doc.locate(['environments', index, 'after']);
  const position = all.findIndex((e) => e.name === env.after);
  const target = all[position];
  if (!target) {
    const hint = closest(
      env.after,
      all.map((e) => e.name).filter((n) => n !== env.name),
    );
    const fix = hint ? `did you mean "${hint}"?` : `name one of: ${all.map((e) => e.name).join(', ')}.`;
    return [
      finding(
        'ENVIRONMENT_AFTER_UNKNOWN',
        `Environment ${env.name} waits for "${env.after}", which is not declared, so it would never apply; ${fix}`,
        location,
      ),
    ];
  }
  const cycle = cycleFrom(env, all);
  if (cycle) {
    // Reported once, on the cycle's first environment in the file.
    if (all.findIndex((e) => cycle.includes(e.name)) !== index) return [];
    const chain = [...cycle, cycle[0]].join(' → ');
    const message =
      cycle.length === 1
        ? `Environment ${env.name} waits for itself, so it would never apply; remove \`after\` or name the environment before it.`
        : `Environments ${cycle.join(', ')} wait for each other (${chain}), so none of them would ever apply; remove one \`after\`.`;
    return [finding('ENVIRONMENT_AFTER_CYCLE', message, location)];
  }
  const findings: Finding[] = [];
  if (position > index)
    findings.push(
      finding(
        'ENVIRONMENT_AFTER_ORDER',
        `Environment ${env.name} waits for ${target.name}, which is declared after it; environments are listed in promotion order, so move ${target.name} above ${env.name}.`,
        location,
      ),
    );
  if (env.branch !== undefined && target.branch !== env.branch) {
    const never = target.branch === undefined ? 'no branch applies it' : `only branch ${target.branch} applies it`;
    findings.push(
      finding(
        'ENVIRONMENT_AFTER_BRANCH',
        `Environment ${env.name} (applied by branch ${env.branch}) waits for ${target.name}, but ${never}, so no commit of ${env.branch} would ever get past the wait; give ${target.name} \`branch: ${env.branch}\`, or remove \`after\`.`,
        location,
        'warning',
      ),
    );
  }
  return findings;
}

/** The names around the cycle `env` is on, starting with `env`; undefined when its `after` chain ends. */
function cycleFrom(env: Environment, all: readonly Environment[]): string[] | undefined {
  const byName = new Map(all.map((e) => [e.name, e]));
  const chain: string[] = [];
  for (let e: Environment | undefined = env; e; e = e.after === undefined ? undefined : byName.get(e.after)) {
    if (e.name === env.name && chain.length > 0) return chain;
    if (chain.includes(e.name)) return undefined;
    chain.push(e.name);
  }
  return undefined;
}

function unknownTargets(env: Environment, index: number, catalog: Catalog, doc: SourceDocument): Finding[] {
  const findings: Finding[] = [];
  const exists = {
    domains: (id: string) => catalog.domains.has(id),
    products: (id: string) => catalog.products.has(id) || catalog.brokenProducts.has(id),
  };
  for (const scope of ['domains', 'products'] as const) {
    const ids = scope === 'domains' ? env.overrides.domains.keys() : env.overrides.products.keys();
    for (const id of ids) {
      if (exists[scope](id)) continue;
      const other = scope === 'domains' ? 'products' : 'domains';
      const known = scope === 'domains' ? [...catalog.domains.keys()] : [...catalog.products.keys()];
      const hint = closest(id, known);
      const fix = exists[other](id)
        ? `${id} is a ${other === 'domains' ? 'domain' : 'product'}: move it under \`${other}\`.`
        : hint
          ? `did you mean \`${hint}\`?`
          : `name a ${scope === 'domains' ? 'domain' : 'product'} by its folder under catalog/, or remove it.`;
      const what = scope === 'domains' ? 'domain' : 'product';
      findings.push(
        finding(
          'ENVIRONMENT_OVERRIDE_UNKNOWN',
          `Environment ${env.name} overrides ${what} ${id}, which the catalog does not have, so the override applies to nothing; ${fix}`,
          doc.locate(['environments', index, 'overrides', scope, id], { key: true }),
          'warning',
        ),
      );
    }
  }
  return findings;
}

/**
 * A topic whose `min.insync.replicas` ends up above its replication factor because of an override (a lower
 * replication factor, or a higher min.insync.replicas): every acks=all write would fail there. One finding per
 * override line that causes it, listing the topics.
 */
function insyncConflicts(env: Environment, catalog: Catalog): Finding[] {
  // Without a replication or min.insync.replicas override, a conflict is the catalog's own (TOPIC_CONFIG_INVALID).
  const { overrides } = env;
  const blocks = [overrides.environment, ...overrides.domains.values(), ...overrides.products.values()];
  if (!blocks.some((b) => b.replicationFactor || b.topicConfigs.has('min.insync.replicas'))) return [];
  const defaults = catalog.settings?.manifest.defaults;
  const byCause = new Map<string, { location: Location; topics: string[]; detail: string }>();
  for (const product of catalog.products.values()) {
    if (product.manifest.status === 'retired') continue;
    const own = overridesFor(env, product);
    for (const port of product.manifest.outputPorts ?? []) {
      const declared = port.configs?.['min.insync.replicas'];
      const { topic, overridden } = overrideTopic(
        {
          name: port.topic,
          partitions: 1,
          replicationFactor: port.replicationFactor ?? defaults?.replicationFactor ?? fallbackReplication,
          configs: declared === undefined ? {} : { 'min.insync.replicas': String(declared) },
        },
        own,
      );
      const insync = Number(topic.configs['min.insync.replicas']);
      if (!(insync > topic.replicationFactor)) continue;
      const source = causeOf(overridden?.replicationFactor, overridden?.configs?.['min.insync.replicas']);
      if (!source?.location) continue;
      const key = `${source.location.line}:${source.location.column}`;
      const entry = byCause.get(key) ?? {
        location: source.location,
        topics: [],
        detail: `replication factor ${topic.replicationFactor} and min.insync.replicas ${insync}`,
      };
      entry.topics.push(port.topic);
      byCause.set(key, entry);
    }
  }
  return [...byCause.values()].map(({ location, topics, detail }) => {
    const listed = topics.slice(0, 3).join(', ') + (topics.length > 3 ? ` and ${topics.length - 3} more` : '');
    const fix =
      'override `min.insync.replicas` too, to at most the replication factor (e.g. `topicConfigs: { min.insync.replicas: "1" }`), or raise the replication factor';
    return finding(
      'ENVIRONMENT_OVERRIDE_CONFLICT',
      `Environment ${env.name}'s overrides leave ${topics.length} topic(s) (${listed}) with ${detail}, so every acks=all write to them would fail; ${fix}.`,
      location,
    );
  });
}

const specificity = { 'deprecated-flag': 0, environment: 1, domain: 2, product: 3 } as const;

/** The override to report a conflict on: the more specific of the two (the replication factor's on a tie). */
function causeOf(
  replication: OverrideSource | undefined,
  insync: OverrideSource | undefined,
): OverrideSource | undefined {
  if (!replication || !insync) return replication ?? insync;
  return specificity[insync.scope] > specificity[replication.scope] ? insync : replication;
}

function at(env: Environment): Location {
  return env.location ?? { path: '.github/steward.yml', line: 1, column: 1 };
}

/** The value at `path` as written (shortened), so `1e400` reads as written rather than as Infinity. */
function written(document: SourceDocument, path: readonly PathSegment[]): string {
  const root = document.root;
  if (!root) return '(unknown)';
  const span = spanAt(root, path);
  const text = document.text.slice(span.start, Math.min(span.end, span.start + 60)).trim();
  return span.end - span.start > 60 ? `${text}…` : text;
}

function finding(ruleId: RuleId, message: string, location: Location, severity: Severity = 'error'): Finding {
  return { ruleId, severity, message, location };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

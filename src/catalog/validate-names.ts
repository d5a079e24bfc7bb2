import type { PathSegment } from '../core/data-node.js';
import type { Finding, Severity } from '../core/findings.js';
import type { RuleId } from '../rules/registry.js';
import type { Catalog, Product } from './model.js';

/**
 * Names Mesh Steward itself uses on a cluster start with this (its apply lock is `_mesh-steward.apply-lock`). A
 * catalog topic by such a name would be deleted by every apply's lock release, so the plan would never converge.
 */
export const toolNamePrefix = '_mesh-steward';

interface Problem {
  readonly ruleId: RuleId;
  readonly severity: Severity;
  /** Completes "Topic x …" / "Consumer group x …": what the name is and how to fix it. */
  readonly reason: string;
}

const rename = 'choose a name of your own domain, e.g. `{domain}.{product}.v1`';

/**
 * Topics that belong to Kafka, a schema registry or this tool (errors), or that look like another platform
 * component's defaults (warnings). Names Kafka refuses outright (`.`, `..`, over 249 characters, characters outside
 * `[a-zA-Z0-9._-]`) are already refused by the manifest's JSON Schema.
 */
function topicProblem(topic: string): Problem | undefined {
  const error = (reason: string): Problem => ({ ruleId: 'TOPIC_RESERVED', severity: 'error', reason });
  if (topic.startsWith(toolNamePrefix))
    return error(`is reserved for Mesh Steward itself (its apply lock is ${toolNamePrefix}.apply-lock); ${rename}`);
  if (topic.startsWith('__'))
    return error(
      `is a Kafka internal topic name (names starting with \`__\` are the broker's: __consumer_offsets, __transaction_state, __cluster_metadata); ${rename}`,
    );
  if (topic === '_schemas' || topic.startsWith('_confluent'))
    return error(`is a Confluent Schema Registry or Confluent Platform internal topic; ${rename}`);
  if (topic === 'kafkasql-journal' || topic === 'kafkasql-snapshots')
    return error(`is where Apicurio Registry stores its schemas; ${rename}`);
  const warning = (reason: string): Problem => ({ ruleId: 'NAME_LOOKS_INTERNAL', severity: 'warning', reason });
  if (['connect-configs', 'connect-offsets', 'connect-status'].includes(topic))
    return warning(
      `is a default Kafka Connect internal topic; unless this port really is Connect's storage, ${rename}`,
    );
  if (topic.startsWith('_'))
    return warning(`starts with \`_\`, which marks a platform's internal topic by convention; ${rename}`);
  return undefined;
}

function groupProblem(group: string): Problem | undefined {
  const error = (reason: string): Problem => ({ ruleId: 'CONSUMER_GROUP_RESERVED', severity: 'error', reason });
  const own = 'name a group of the consuming application, e.g. `{domain}.{product}.{port}`';
  if (group.includes('*'))
    return error(`contains \`*\`, which in a Kafka ACL means every group: the grant would cover all of them; ${own}`);
  if (group.startsWith(toolNamePrefix)) return error(`is reserved for Mesh Steward itself; ${own}`);
  if (group.startsWith('__')) return error(`uses the \`__\` prefix Kafka reserves for its internals; ${own}`);
  if (group.startsWith('_confluent')) return error(`is a Confluent Platform internal group; ${own}`);
  const warning = (reason: string): Problem => ({ ruleId: 'NAME_LOOKS_INTERNAL', severity: 'warning', reason });
  if (group === 'connect-cluster' || group.startsWith('connect-'))
    return warning(
      `is what Kafka Connect uses (its workers' default group, or \`connect-<connector>\` for sinks); ${own}`,
    );
  if (group === 'schema-registry') return warning(`is Confluent Schema Registry's default group; ${own}`);
  if (group.startsWith('_')) return warning(`starts with \`_\`, which marks a platform's internal group; ${own}`);
  return undefined;
}

/**
 * Why a principal is unusable (PRINCIPAL_INVALID); `wildcard` for `User:*` and for `User:ANONYMOUS` (Kafka's name for
 * every unauthenticated client, as open as a wildcard); undefined when it is fine.
 */
function principalProblem(principal: string): string | 'wildcard' | undefined {
  const colon = principal.indexOf(':');
  if (colon < 0) return 'has no principal type; write it as `User:<name>` (or `Group:<name>`)';
  const type = principal.slice(0, colon);
  const name = principal.slice(colon + 1);
  if (type !== 'User' && type !== 'Group') return `has the type \`${type}\`; use \`User:\` or \`Group:\``;
  if (name === '') return `names no one (nothing after \`${type}:\`); write the service account's name`;
  const hidden = /[\p{Cc}\p{Cf}\p{Z}]/u.exec(name)?.[0];
  if (hidden !== undefined) {
    const code = `U+${(hidden.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    return `contains the invisible or control character ${code}, so it would not be the name it looks like; retype it`;
  }
  if (name === '*' || (type === 'User' && name === 'ANONYMOUS')) return 'wildcard';
  if (name.includes('*'))
    return `contains \`*\`, but Kafka has no prefix wildcards for principals: this names a principal literally called "${name}"; write the exact name`;
  return undefined;
}

/**
 * Checks the names a catalog puts on the cluster: topics and consumer groups that belong to Kafka, a registry or
 * this tool, topics that collide in Kafka's metric names, and principals that are malformed or wildcards. A wildcard
 * principal (`User:*`: every authenticated client) is allowed only where `rules/*.yaml` sets
 * `principals.allowWildcard: true` (the last rules file, in path order, that says decides); domains cannot.
 * `rulesFrom` is the catalog whose rules decide: a pull request is judged by its base's, so it cannot allow
 * wildcards for itself.
 */
export function validateNames(catalog: Catalog, rulesFrom: Catalog = catalog): Finding[] {
  const findings: Finding[] = [];
  const allowWildcard = wildcardAllowed(rulesFrom);
  const byMetricName = new Map<string, { product: Product; index: number; topic: string }>();
  for (const product of catalog.products.values()) {
    const push = (ruleId: RuleId, severity: Severity, path: PathSegment[], message: string) =>
      findings.push({ ruleId, severity, message, location: product.document.locate(path) });
    product.manifest.outputPorts?.forEach((port, i) => {
      const path = ['outputPorts', i, 'topic'];
      const problem = topicProblem(port.topic);
      if (problem)
        push(problem.ruleId, problem.severity, path, `Topic ${port.topic} of port ${port.name} ${problem.reason}.`);
      checkCollision(product, i, port.topic, byMetricName, problem === undefined, findings);
      checkPrincipal(port.writer, `The writer of port ${port.name}`, allowWildcard, (id, message) =>
        push(id, 'error', ['outputPorts', i, 'writer'], message),
      );
    });
    product.manifest.inputPorts?.forEach((input, i) => {
      const problem = groupProblem(input.consumerGroup);
      if (problem)
        push(
          problem.ruleId,
          problem.severity,
          ['inputPorts', i, 'consumerGroup'],
          `Consumer group ${input.consumerGroup} of input port ${input.name} ${problem.reason}.`,
        );
      checkPrincipal(input.principal, `The principal of input port ${input.name}`, allowWildcard, (id, message) =>
        push(id, 'error', ['inputPorts', i, 'principal'], message),
      );
    });
  }
  return findings;
}

function checkPrincipal(
  principal: string,
  subject: string,
  allowWildcard: boolean,
  report: (ruleId: RuleId, message: string) => void,
): void {
  const problem = principalProblem(principal);
  if (problem === undefined || (problem === 'wildcard' && allowWildcard)) return;
  if (problem === 'wildcard')
    report(
      'PRINCIPAL_WILDCARD',
      `${subject} is ${principal}, which stands for every ${principal.endsWith('*') ? 'authenticated' : 'unauthenticated'} client; name the one service account that needs access (or, for a deliberately public topic, the governance team sets principals.allowWildcard in rules/).`,
    );
  else report('PRINCIPAL_INVALID', `${subject}, ${JSON.stringify(principal)}, ${problem}.`);
}

/**
 * Kafka puts `.` and `_` alike in metric names and refuses a topic that collides with an existing one that way
 * (`a.b` vs `a_b`); a name that mixes both invites such a collision.
 */
function checkCollision(
  product: Product,
  index: number,
  topic: string,
  seen: Map<string, { product: Product; index: number; topic: string }>,
  warnMixed: boolean,
  findings: Finding[],
): void {
  // Located only when there is a finding: locating parses the manifest again, with positions.
  const location = () => product.document.locate(['outputPorts', index, 'topic']);
  const key = topic.replace(/\./g, '_');
  const first = seen.get(key);
  if (first && first.topic !== topic) {
    findings.push({
      ruleId: 'TOPIC_NAME_COLLISION',
      severity: 'error',
      message: `Topic ${topic} collides with ${first.topic} of ${first.product.id}: Kafka reads \`.\` and \`_\` alike in metric names and refuses to create the second; rename one of them.`,
      location: location(),
      previousLocation: first.product.document.locate(['outputPorts', first.index, 'topic']),
    });
  } else if (!first) seen.set(key, { product, index, topic });
  if (warnMixed && topic.includes('.') && topic.includes('_'))
    findings.push({
      ruleId: 'TOPIC_NAME_COLLISION',
      severity: 'warning',
      message: `Topic ${topic} mixes \`.\` and \`_\`, which Kafka's metric names do not tell apart, so it can collide with another topic; use one separator (the mesh uses \`.\`, and \`-\` within a word).`,
      location: location(),
    });
}

export function wildcardAllowed(catalog: Catalog): boolean {
  let allowed = false;
  for (const file of catalog.rules) {
    const setting = (file.manifest as { principals?: { allowWildcard?: unknown } }).principals?.allowWildcard;
    if (typeof setting === 'boolean') allowed = setting;
  }
  return allowed;
}

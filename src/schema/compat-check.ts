import { hasErrors, sortFindings, type Finding } from '../core/findings.js';
import { describeType, type AvroType } from './avro-model.js';
import { parseSchemaVersion, type ParsedVersion, type SchemaVersion } from './avro-version.js';
import { explainBreak, type Direction } from './compat-explain.js';
import { nodeOf, type TypeNode } from './compat-graph.js';
import { CompatResolver } from './compat-resolve.js';
import type { CompatibilityLevel } from './compat-levels.js';
import { pathOf, type Break, type CheckResult, type Side } from './compat-types.js';

export { compatibilityLevels, type CompatibilityLevel } from './compat-levels.js';

export interface CompatibilityResult {
  /** `invalid` when a version does not parse: its AVRO_* findings say why, and no verdict is given. */
  readonly status: 'compatible' | 'incompatible' | 'invalid';
  readonly level: CompatibilityLevel;
  /** Errors decide the status; warnings (LOGICAL_TYPE_CHANGED, parser warnings) never do. */
  readonly findings: readonly Finding[];
}

/**
 * Apache Avro's reader/writer verdict for two parsed schemas, with every break found. `compatible` equals what
 * Java's `SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)` answers.
 */
export function checkReaderWriter(reader: AvroType, writer: AvroType): CheckResult {
  return new CompatResolver().check(rootSide(reader, nodeOf(reader)), rootSide(writer, nodeOf(writer)));
}

/**
 * Judges a candidate against earlier versions (oldest first) as the Confluent Schema Registry does: BACKWARD
 * reads the latest version's data with the candidate, FORWARD the candidate's data with the latest version, FULL
 * both; the _TRANSITIVE forms check every earlier version; NONE and an empty history are always compatible.
 */
export function checkCompatibility(
  candidate: SchemaVersion,
  previous: readonly SchemaVersion[],
  level: CompatibilityLevel,
): CompatibilityResult {
  const earlier = previous.map((p) => ({
    ...(p.label === undefined ? {} : { label: p.label }),
    parse: () => parseSchemaVersion(p),
  }));
  return checkParsedCompatibility(parseSchemaVersion(candidate), earlier, level);
}

/** An earlier version, parsed only if the level reads it; `label` names it in messages as in SchemaVersion. */
export interface EarlierVersion {
  readonly label?: string;
  parse(): ParsedVersion;
}

/**
 * `checkCompatibility` on versions parsed by the caller, so that many subjects of one set of files (a product's
 * version at one commit) share one parse and its resolution graph.
 */
export function checkParsedCompatibility(
  parsedCandidate: ParsedVersion,
  previous: readonly EarlierVersion[],
  level: CompatibilityLevel,
): CompatibilityResult {
  const checked = versionsToCheck(previous.length, level);
  // Only the versions the level reads are parsed: the registry never looks at the others.
  const parsedPrevious = new Map(checked.map((i) => [i, (previous[i] as EarlierVersion).parse()]));
  const invalid = [...parsedPrevious].flatMap(([i, p]) =>
    p.ok ? [] : p.findings.map((f) => inVersion(f, nameOf(previous, i))),
  );
  if (!parsedCandidate.ok || hasErrors(invalid)) {
    return { status: 'invalid', level, findings: sortFindings([...parsedCandidate.findings, ...invalid]) };
  }
  const findings = new Map<string, Finding>();
  for (const i of checked) {
    const old = parsedPrevious.get(i);
    if (!old?.ok) continue;
    for (const direction of directionsOf(level))
      collectBreaks(findings, direction, parsedCandidate, old, nameOf(previous, i));
  }
  const all = [...parsedCandidate.findings, ...findings.values()];
  return { status: hasErrors(all) ? 'incompatible' : 'compatible', level, findings: sortFindings(all) };
}

type ParsedOk = Extract<ParsedVersion, { ok: true }>;

/** Explains the breaks of one direction against one version, keyed so that a repeated break is kept once. */
function collectBreaks(
  into: Map<string, Finding>,
  direction: Direction,
  candidate: ParsedOk,
  old: ParsedOk,
  previousName: string,
): void {
  const [reader, writer] = direction === 'backward' ? [candidate, old] : [old, candidate];
  const ctx = { direction, previousName, locateCandidate: candidate.locate, locatePrevious: old.locate };
  for (const b of new CompatResolver().check(versionSide(reader), versionSide(writer)).breaks) {
    const finding = explainBreak(b, ctx);
    const key = breakKey(b, direction, finding);
    if (!into.has(key)) into.set(key, finding);
  }
}

/**
 * What makes two breaks the same: transitive levels meet one break against many versions (it is reported once,
 * against the latest), and a warning reads the same in both directions of FULL. Where the earlier version wrote
 * it does not count, but what it wrote does: a union that lacks two branches is two breaks at one place.
 */
function breakKey(b: Break, direction: Direction, finding: Finding): string {
  // Where resolution stops, one finding per file and direction says all there is to say.
  if (b.ruleId === 'RESOLUTION_TOO_DEEP') return `${b.ruleId}|${finding.location.path}|${direction}`;
  const types = [b.reader, b.writer].map((s) => `${pathOf(s)}:${describeType(s.type)}`);
  const what = b.severity === 'error' ? `${direction}|${types.join('|')}` : types.sort().join('|');
  return `${finding.ruleId}|${finding.location.line}:${finding.location.column}|${what}|${b.symbols?.join(',') ?? ''}`;
}

/** Indexes of the earlier versions to check, latest first, as the registry iterates them. */
function versionsToCheck(count: number, level: CompatibilityLevel): number[] {
  if (level === 'NONE' || count === 0) return [];
  if (!level.endsWith('_TRANSITIVE')) return [count - 1];
  return Array.from({ length: count }, (_, k) => count - 1 - k);
}

function directionsOf(level: CompatibilityLevel): Direction[] {
  if (level.startsWith('BACKWARD')) return ['backward'];
  if (level.startsWith('FORWARD')) return ['forward'];
  return ['backward', 'forward'];
}

function nameOf(previous: readonly { readonly label?: string }[], i: number): string {
  const label = previous[i]?.label;
  if (label !== undefined) return `the schema at ${label}`;
  return i === previous.length - 1 ? 'the previous schema' : `previous version ${i + 1} of ${previous.length}`;
}

function inVersion(f: Finding, name: string): Finding {
  return { ...f, message: `In ${name}: ${f.message}` };
}

function versionSide(version: ParsedOk): Side {
  return rootSide(version.type, version.node?.() ?? nodeOf(version.type));
}

function rootSide(type: AvroType, node: TypeNode): Side {
  return { type, node, file: type.file, span: type.span, parent: undefined, step: '' };
}

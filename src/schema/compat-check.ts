import { hasErrors, sortFindings, type Finding } from '../core/findings.js';
import type { AvroType } from './avro-model.js';
import { parseSchemaVersion, type SchemaVersion } from './avro-version.js';
import { explainBreak, type Direction } from './compat-explain.js';
import { nodeOf } from './compat-graph.js';
import { CompatResolver } from './compat-resolve.js';
import { pathOf, type CheckResult, type Side } from './compat-types.js';

export const compatibilityLevels = [
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE',
] as const;
export type CompatibilityLevel = (typeof compatibilityLevels)[number];

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
  return new CompatResolver().check(rootSide(reader), rootSide(writer));
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
  const parsedCandidate = parseSchemaVersion(candidate);
  const parsedPrevious = previous.map(parseSchemaVersion);
  const invalid = [parsedCandidate, ...parsedPrevious].flatMap((p, i) =>
    p.ok ? [] : p.findings.map((f) => (i === 0 ? f : inVersion(f, nameOf(previous, i - 1)))),
  );
  if (!parsedCandidate.ok || hasErrors(invalid)) return { status: 'invalid', level, findings: sortFindings(invalid) };
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const i of versionsToCheck(previous.length, level)) {
    const old = parsedPrevious[i];
    if (!old?.ok) continue;
    for (const direction of directionsOf(level)) {
      const [reader, writer] =
        direction === 'backward' ? [parsedCandidate.type, old.type] : [old.type, parsedCandidate.type];
      const ctx = {
        direction,
        previousName: nameOf(previous, i),
        locateCandidate: parsedCandidate.locate,
        locatePrevious: old.locate,
      };
      for (const b of checkReaderWriter(reader, writer).breaks) {
        const finding = explainBreak(b, ctx);
        // Transitive levels meet one break against many versions: report it once, against the latest.
        const key = `${finding.ruleId}|${direction}|${finding.location.line}:${finding.location.column}|${pathOf(b.reader)}|${pathOf(b.writer)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push(finding);
      }
    }
  }
  return { status: hasErrors(findings) ? 'incompatible' : 'compatible', level, findings: sortFindings(findings) };
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

function nameOf(previous: readonly SchemaVersion[], i: number): string {
  const label = previous[i]?.label;
  if (label !== undefined) return `the schema at ${label}`;
  return i === previous.length - 1 ? 'the previous schema' : `previous version ${i + 1} of ${previous.length}`;
}

function inVersion(f: Finding, name: string): Finding {
  return { ...f, message: `In ${name}: ${f.message}` };
}

function rootSide(type: AvroType): Side {
  return { type, node: nodeOf(type), file: type.file, span: type.span, parent: undefined, step: '' };
}

import type { Finding, Location } from '../core/findings.js';
import { parseJson } from '../core/json-parse.js';
import { LineIndex } from '../core/source.js';
import type { AvroSourceFile } from './avro-parse.js';
import { parseAvroFiles } from './avro-parse.js';
import type { AvroType } from './avro-model.js';
import { buildNodes, type TypeNode } from './compat-graph.js';
import type { Site } from './compat-types.js';

/** The text of one .avsc file. */
export interface SchemaText {
  readonly path: string;
  readonly text: string;
}

/** One version of a schema: its file, and the product's other files whose named types it references. */
export interface SchemaVersion extends SchemaText {
  /** How messages name this version, e.g. `commit 1a2b3c4`; the file path stays in the locations. */
  readonly label?: string;
  readonly references?: readonly SchemaText[];
}

export type ParsedVersion =
  | {
      readonly ok: true;
      readonly type: AvroType;
      locate(site: Site): Location;
      /** Parser warnings (such as an ignored logical type): the schema is still usable. */
      readonly findings: readonly Finding[];
      /**
       * The type shaped for resolution, built on first use and kept with this version, whose types are its own.
       * Absent where the types come from a parse that many versions share: `nodeOf` caches theirs.
       */
      readonly node?: () => TypeNode;
    }
  | { readonly ok: false; readonly findings: readonly Finding[] };

/**
 * Parses one version into its Avro type and a locator for its spans. Locators are per version because every
 * version of a file from git history shares one path.
 */
export function parseSchemaVersion(version: SchemaVersion): ParsedVersion {
  const texts = [version, ...(version.references ?? [])];
  const indexes = new Map(texts.map((t) => [t.path, new LineIndex(t.path, t.text)]));
  const index = (path: string) => indexes.get(path) ?? new LineIndex(path, '');
  const findings: Finding[] = [];
  const files: AvroSourceFile[] = [];
  for (const t of texts) {
    const parsed = parseJson(t.text);
    for (const p of parsed.problems) {
      findings.push({
        // The same ids as the catalog reports for the same fault (catalog/read-source.ts readJson).
        ruleId: p.kind === 'duplicate-key' ? 'AVRO_DUPLICATE_KEY' : 'AVRO_SYNTAX',
        severity: p.kind === 'duplicate-key' ? 'warning' : 'error',
        message: `${p.message}.`,
        location: index(t.path).location(p.offset),
      });
    }
    if (parsed.root) files.push({ path: t.path, root: parsed.root, text: t.text });
  }
  const result = parseAvroFiles(files);
  for (const p of result.problems) {
    findings.push({
      ruleId: p.ruleId,
      severity: p.severity,
      message: p.message,
      location: index(p.file).location(p.span.start),
    });
  }
  const type = result.schemas.get(version.path);
  if (!type || findings.some((f) => f.severity === 'error')) {
    return notParsed(findings, index(version.path));
  }
  let node: TypeNode | undefined;
  return {
    ok: true,
    type,
    locate: (site) => index(site.file).location(site.span.start),
    findings,
    node: () => (node ??= buildNodes(type)),
  };
}

/** A version that did not parse always carries at least one finding, so the failure is never silent. */
function notParsed(findings: Finding[], index: LineIndex): ParsedVersion {
  if (findings.length > 0) return { ok: false, findings };
  const location = index.location(0);
  return {
    ok: false,
    findings: [{ ruleId: 'AVRO_INVALID', severity: 'error', message: 'The schema could not be parsed.', location }],
  };
}

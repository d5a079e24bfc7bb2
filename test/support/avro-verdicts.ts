import { parseJson } from '../../src/core/json-parse.js';
import { parseAvroFiles } from '../../src/schema/avro-parse.js';
import type { AvroType } from '../../src/schema/avro-model.js';
import { checkReaderWriter } from '../../src/schema/compat-check.js';
import type { SchemaPair } from './avro-pair-gen.js';

export type Verdict = 'COMPATIBLE' | 'INCOMPATIBLE' | 'PARSE_ERROR';

/** Parses one schema on its own, as the oracle does with a fresh Schema.Parser. */
export function parseOne(text: string): AvroType | undefined {
  const json = parseJson(text);
  if (!json.root) return undefined;
  const result = parseAvroFiles([{ path: 'schema.avsc', root: json.root }]);
  return result.problems.some((p) => p.severity === 'error') ? undefined : result.schemas.get('schema.avsc');
}

export function ourVerdict(pair: SchemaPair): Verdict {
  const reader = parseOne(pair.reader);
  const writer = parseOne(pair.writer);
  if (!reader || !writer) return 'PARSE_ERROR';
  return checkReaderWriter(reader, writer).compatible ? 'COMPATIBLE' : 'INCOMPATIBLE';
}

/** The oracle's line reduced to a verdict: where Java throws while checking, the registry rejects the schema. */
export function javaVerdict(line: string | undefined): Verdict {
  const head = (line ?? 'PARSE_ERROR').split(' ')[0];
  if (head === 'COMPATIBLE') return 'COMPATIBLE';
  return head === 'INCOMPATIBLE' || head === 'ERROR' ? 'INCOMPATIBLE' : 'PARSE_ERROR';
}

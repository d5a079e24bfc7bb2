import type { AvroEnum, AvroNamed } from './avro-model.js';
import type { TypeNode } from './compat-graph.js';
import { breakAt, compatible, merge, type CheckResult, type Side } from './compat-types.js';

/**
 * Names, enum symbols and fixed sizes of two named types of the same kind. Avro compares the unqualified names
 * (so a namespace change alone is compatible), or accepts a reader alias equal to the writer's full name.
 */
export function checkNamedTypes(reader: Side, writer: Side): CheckResult {
  const r = reader.node;
  const w = writer.node;
  const names = namesMatch(r, w) ? compatible : breakAt('NAME_MISMATCH', namedSide(reader), namedSide(writer));
  if (r.kind === 'enum') return merge([names, checkEnumSymbols(reader, writer)]);
  if (r.kind === 'fixed' && w.size !== r.size) return merge([names, breakAt('FIXED_SIZE_MISMATCH', reader, writer)]);
  return names;
}

export function namesMatch(reader: TypeNode, writer: TypeNode): boolean {
  return reader.short === writer.short || reader.aliases.includes(writer.name);
}

/** Writer symbols the reader lacks break it unless the reader enum has a default to read them as. */
function checkEnumSymbols(reader: Side, writer: Side): CheckResult {
  const r = reader.node;
  const w = writer.type as AvroEnum;
  if (r.enumDefault !== undefined) return compatible;
  const missing = w.symbols.filter((s) => !r.symbols.has(s));
  if (missing.length === 0) return compatible;
  const first = w.symbols.indexOf(missing[0] as string);
  const symbolSide = { ...writer, file: w.file, span: w.symbolSpans[first] ?? w.nameSpan };
  return breakAt('MISSING_ENUM_SYMBOLS', reader, symbolSide, { symbols: [...missing].sort() });
}

/** Points at the `name` of a named type, where a renaming is written. */
function namedSide(side: Side): Side {
  const t = side.type as AvroNamed;
  return { ...side, file: t.file, span: t.nameSpan };
}

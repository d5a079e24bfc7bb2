import { shortName, type AvroEnum, type AvroFixed, type AvroNamed } from './avro-model.js';
import { breakAt, compatible, merge, type CheckResult, type Side } from './compat-types.js';

/**
 * Names, enum symbols and fixed sizes of two named types of the same kind. Avro compares the unqualified names
 * (so a namespace change alone is compatible), or accepts a reader alias equal to the writer's full name.
 */
export function checkNamedTypes(reader: Side, writer: Side): CheckResult {
  const r = reader.type as AvroNamed;
  const w = writer.type as AvroNamed;
  const names = namesMatch(r, w) ? compatible : breakAt('NAME_MISMATCH', namedSide(reader, r), namedSide(writer, w));
  if (r.type === 'enum') return merge([names, checkEnumSymbols(reader, r, writer, w as AvroEnum)]);
  if (r.type === 'fixed' && (w as AvroFixed).size !== r.size) return merge([names, breakAt('FIXED_SIZE_MISMATCH', reader, writer)]);
  return names;
}

export function namesMatch(reader: AvroNamed, writer: AvroNamed): boolean {
  return shortName(reader.name) === shortName(writer.name) || reader.aliases.includes(writer.name);
}

/** Writer symbols the reader lacks break it unless the reader enum has a default to read them as. */
function checkEnumSymbols(reader: Side, r: AvroEnum, writer: Side, w: AvroEnum): CheckResult {
  const readerSymbols = new Set(r.symbols);
  const missing = w.symbols.filter((s) => !readerSymbols.has(s));
  if (missing.length === 0 || r.default !== undefined) return compatible;
  const first = w.symbols.indexOf(missing[0] as string);
  const symbolSide = { ...writer, file: w.file, span: w.symbolSpans[first] ?? w.nameSpan };
  return breakAt('MISSING_ENUM_SYMBOLS', reader, symbolSide, { symbols: [...missing].sort() });
}

/** Points at the `name` of a named type, where a renaming is written. */
function namedSide(side: Side, t: AvroNamed): Side {
  return { ...side, file: t.file, span: t.nameSpan };
}

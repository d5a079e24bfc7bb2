import type { AvroField, AvroRecord } from './avro-model.js';
import { breakAt, compatible, merge, type CheckResult, type Side } from './compat-types.js';

/** What field checks recurse with: the resolver, so that memoisation spans the whole schema. */
export interface PairChecker {
  check(reader: Side, writer: Side): CheckResult;
}

/**
 * Each reader field must be filled from the writer: from the writer field of the same name or of one of the
 * reader field's aliases, or else from the reader field's default. Writer fields the reader lacks are skipped.
 */
export function checkRecordFields(reader: Side, writer: Side, checker: PairChecker): CheckResult {
  const r = reader.type as AvroRecord;
  const w = writer.type as AvroRecord;
  const byName = fieldsByName(w);
  let broken: CheckResult[] | undefined;
  for (const field of r.fields) {
    const result = checkField(reader, r, field, writer, w, byName, checker);
    if (result !== compatible) (broken ??= []).push(result);
  }
  return broken ? merge(broken) : compatible;
}

function checkField(reader: Side, r: AvroRecord, field: AvroField, writer: Side, w: AvroRecord, byName: Map<string, AvroField>, checker: PairChecker): CheckResult {
  const direct = byName.get(field.name);
  const readerField = fieldSide(reader, r, field);
  // Avro looks the field up by its name and by each alias, and refuses to choose when more than one matches.
  const matches = field.aliases.length === 0 ? (direct ? [direct] : []) : lookupByAliases(byName, field, direct);
  if (matches.length > 1) return breakAt('READER_FIELD_AMBIGUOUS', readerField, writer, { field: field.name });
  const match = matches[0];
  if (match) return checker.check(readerField, fieldSide(writer, w, match));
  // Java also fails a missing enum field without a field default (its enum default does not help here).
  if (field.hasDefault) return compatible;
  const recordName = { ...writer, file: w.file, span: w.nameSpan };
  return breakAt('READER_FIELD_MISSING_DEFAULT_VALUE', { ...readerField, span: field.nameSpan }, recordName, { field: field.name });
}

function lookupByAliases(byName: Map<string, AvroField>, field: AvroField, direct: AvroField | undefined): AvroField[] {
  const found = direct ? [direct] : [];
  for (const alias of field.aliases) {
    const match = byName.get(alias);
    if (match) found.push(match);
  }
  return found;
}

// Wide records are common (hundreds of fields): index each writer record once instead of scanning per field.
const fieldIndexes = new WeakMap<AvroRecord, Map<string, AvroField>>();

function fieldsByName(record: AvroRecord): Map<string, AvroField> {
  let index = fieldIndexes.get(record);
  if (!index) fieldIndexes.set(record, (index = new Map(record.fields.map((f) => [f.name, f]))));
  return index;
}

function fieldSide(side: Side, record: AvroRecord, field: AvroField): Side {
  return { type: field.type, file: record.file, span: field.typeSpan, parent: side, step: field.name };
}

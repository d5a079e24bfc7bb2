import type { AvroField, AvroRecord } from './avro-model.js';
import { breakAt, compatible, merge, type CheckResult, type Side } from './compat-types.js';

type Check = (reader: Side, writer: Side) => CheckResult;

/**
 * Each reader field must be filled from the writer: from the writer field of the same name or of one of the
 * reader field's aliases, or else from the reader field's default. Writer fields the reader lacks are skipped.
 */
export function checkRecordFields(reader: Side, writer: Side, check: Check): CheckResult {
  const r = reader.type as AvroRecord;
  const w = writer.type as AvroRecord;
  return merge(r.fields.map((field) => checkField(reader, r, field, writer, w, check)));
}

function checkField(reader: Side, r: AvroRecord, field: AvroField, writer: Side, w: AvroRecord, check: Check): CheckResult {
  const matches = lookupWriterFields(w, field);
  const readerField = fieldSide(reader, r, field);
  if (matches.length > 1) return breakAt('READER_FIELD_AMBIGUOUS', readerField, writer, { field: field.name });
  const match = matches[0];
  if (match) return check(readerField, fieldSide(writer, w, match));
  // Java also fails a missing enum field without a field default (its enum default does not help here).
  if (field.hasDefault) return compatible;
  const recordName = { ...writer, site: { file: w.file, span: w.nameSpan } };
  return breakAt('READER_FIELD_MISSING_DEFAULT_VALUE', { ...readerField, site: { file: r.file, span: field.nameSpan } }, recordName, { field: field.name });
}

/** Every writer field the reader field matches, by its name then by each alias (Avro refuses more than one). */
function lookupWriterFields(writer: AvroRecord, field: AvroField): AvroField[] {
  const found: AvroField[] = [];
  for (const name of [field.name, ...field.aliases]) {
    const match = writer.fields.find((f) => f.name === name);
    if (match) found.push(match);
  }
  return found;
}

function fieldSide(side: Side, record: AvroRecord, field: AvroField): Side {
  return { type: field.type, site: { file: record.file, span: field.typeSpan }, path: `${side.path}.${field.name}` };
}

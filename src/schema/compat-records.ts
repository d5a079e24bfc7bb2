import type { AvroRecord } from './avro-model.js';
import { canonicalOf } from './compat-canonical.js';
import type { FieldNode } from './compat-graph.js';
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
  let broken: CheckResult[] | undefined;
  for (const field of reader.node.fields) {
    const result = checkField(reader, field, writer, checker);
    if (result !== compatible) (broken ??= []).push(result);
  }
  return broken ? merge(broken) : compatible;
}

function checkField(reader: Side, field: FieldNode, writer: Side, checker: PairChecker): CheckResult {
  const byName = writer.node.byName;
  const direct = byName.get(field.name);
  // Avro looks the field up by its name and by each alias, and refuses to choose when more than one matches.
  const match = field.aliases.length === 0 ? direct : lookupByAliases(byName, field, direct);
  if (match === ambiguous)
    return breakAt('READER_FIELD_AMBIGUOUS', fieldSide(reader, field), writer, { field: field.name });
  // An unchanged field type reads itself: no need to position it (most fields of any evolution).
  if (match)
    return canonicalOf(field.type) === canonicalOf(match.type)
      ? compatible
      : checker.check(fieldSide(reader, field), fieldSide(writer, match));
  // Java also fails a missing enum field without a field default (its enum default does not help here).
  if (field.hasDefault) return compatible;
  const w = writer.type as AvroRecord;
  const recordName = { ...writer, file: w.file, span: w.nameSpan };
  return breakAt(
    'READER_FIELD_MISSING_DEFAULT_VALUE',
    { ...fieldSide(reader, field), span: field.source.nameSpan },
    recordName,
    {
      field: field.name,
    },
  );
}

const ambiguous = Symbol('ambiguous');

/** The one writer field matching the reader field's name or aliases, none, or `ambiguous` when several do. */
function lookupByAliases(
  byName: ReadonlyMap<string, FieldNode>,
  field: FieldNode,
  direct: FieldNode | undefined,
): FieldNode | undefined | typeof ambiguous {
  let found = direct;
  for (const alias of field.aliases) {
    const match = byName.get(alias);
    if (match && found) return ambiguous;
    found ??= match;
  }
  return found;
}

function fieldSide(side: Side, field: FieldNode): Side {
  return {
    type: field.type.source,
    node: field.type,
    file: side.type.file,
    span: field.source.typeSpan,
    parent: side,
    step: field.name,
  };
}

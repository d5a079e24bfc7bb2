import { isNamed, type AvroType, type AvroUnion } from './avro-model.js';
import { checkNamedTypes } from './compat-named.js';
import { checkRecordFields } from './compat-records.js';
import { checkLogicalTypes, isPromotion } from './compat-primitives.js';
import { breakAt, compatible, merge, type CheckResult, type Side } from './compat-types.js';

/**
 * Decides whether data written with one Avro schema can be read with another, step for step as Apache Avro's Java
 * `SchemaCompatibility.checkReaderWriterCompatibility` does, so that the verdict is the registry's. Unlike Java it
 * keeps every break it meets (Java merges them too, but stops inside a reader union at the first branch that
 * fits; so do we, because that choice decides the verdict).
 *
 * Pairs are memoised by identity, as Java does: named types are shared objects, so a recursive type meets its own
 * pair again, and a pair still in progress counts as compatible until proven otherwise. Only pairs with a named
 * side are memoised: any other node sits at one place in its schema, so its pair is reached again only through an
 * enclosing named pair, whose memoised result already answers; skipping them keeps wide records fast.
 */
export class CompatResolver {
  private readonly memo = new Map<AvroType, Map<AvroType, CheckResult | typeof inProgress>>();

  check(reader: Side, writer: Side): CheckResult {
    if (!isNamed(reader.type) && !isNamed(writer.type)) return this.calculate(reader, writer);
    let byWriter = this.memo.get(reader.type);
    if (!byWriter) this.memo.set(reader.type, (byWriter = new Map()));
    const cached = byWriter.get(writer.type);
    if (cached === inProgress) return compatible;
    if (cached) return cached;
    byWriter.set(writer.type, inProgress);
    const result = this.calculate(reader, writer);
    byWriter.set(writer.type, result);
    return result;
  }

  private calculate(reader: Side, writer: Side): CheckResult {
    const r = reader.type;
    const w = writer.type;
    if (kindOf(r) !== kindOf(w)) return this.checkDifferentKinds(reader, writer);
    switch (r.type) {
      case 'array':
        return this.check(childSide(reader, r.items, r.itemsSpan, '[]'), childSide(writer, (w as typeof r).items, (w as typeof r).itemsSpan, '[]'));
      case 'map':
        return this.check(childSide(reader, r.values, r.valuesSpan, '{}'), childSide(writer, (w as typeof r).values, (w as typeof r).valuesSpan, '{}'));
      case 'union':
        // Every branch the writer may have written must be readable; the reader union reports what it lacks.
        return merge((w as AvroUnion).branches.map((_, i) => this.check(reader, branchSide(writer, i))));
      case 'record':
      case 'error':
        return merge([checkNamedTypes(reader, writer), checkRecordFields(reader, writer, this)]);
      case 'enum':
      case 'fixed':
        return merge([checkNamedTypes(reader, writer), checkLogicalTypes(reader, writer)]);
      default:
        return checkLogicalTypes(reader, writer);
    }
  }

  private checkDifferentKinds(reader: Side, writer: Side): CheckResult {
    if (writer.type.type === 'union') {
      const w = writer.type;
      return merge(w.branches.map((_, i) => this.check(reader, branchSide(writer, i))));
    }
    if (reader.type.type === 'union') return this.checkReaderUnion(reader, reader.type, writer);
    if (isPromotion(reader.type.type, writer.type.type)) return checkLogicalTypes(reader, writer);
    return breakAt('TYPE_MISMATCH', reader, writer);
  }

  /** A non-union writer needs one reader branch that reads it; the first that does is the one Avro uses. */
  private checkReaderUnion(reader: Side, union: AvroUnion, writer: Side): CheckResult {
    const tried: CheckResult[] = [];
    for (let i = 0; i < union.branches.length; i++) {
      const result = this.check(branchSide(reader, i), writer);
      if (result.compatible) return result;
      tried.push(result);
    }
    // When the union holds the writer's own type (same kind and name) the reason that branch fails is the
    // useful explanation; otherwise the union simply lacks the writer's type.
    const counterpart = union.branches.findIndex((b) => sameKindAndName(b, writer.type));
    const explained = counterpart === -1 ? undefined : tried[counterpart];
    if (explained && explained.breaks.length > 0) return explained;
    return breakAt('MISSING_UNION_BRANCH', reader, writer);
  }
}

const inProgress = Symbol('in progress');

/** Avro's `error` is a record for resolution. */
function kindOf(t: AvroType): AvroType['type'] {
  return t.type === 'error' ? 'record' : t.type;
}

function sameKindAndName(a: AvroType, b: AvroType): boolean {
  if (kindOf(a) !== kindOf(b)) return false;
  return !('name' in a) || !('name' in b) || a.name === b.name;
}

function childSide(parent: Side, type: AvroType, span: Side['span'], step: string): Side {
  return { type, file: parent.type.file, span, parent, step };
}

function branchSide(side: Side, index: number): Side {
  const union = side.type as AvroUnion;
  const branch = union.branches[index] as AvroType;
  // A branch shares the union's path: messages name the field, not the branch.
  return { type: branch, file: union.file, span: union.branchSpans[index] ?? union.span, parent: side.parent, step: side.step };
}

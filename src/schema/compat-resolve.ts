import type { AvroUnion } from './avro-model.js';
import { canonicalOf } from './compat-canonical.js';
import type { TypeNode, UnionIndex } from './compat-graph.js';
import { checkNamedTypes, namesMatch } from './compat-named.js';
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
  private readonly memo = new Map<TypeNode, Map<TypeNode, CheckResult | typeof inProgress>>();

  private depth = 0;

  check(reader: Side, writer: Side): CheckResult {
    // Memoised pairs bound the work, not the nesting: cycles of different lengths on the two sides, or named
    // types chained across hundreds of files, would otherwise overflow the stack.
    if (this.depth >= maxResolutionDepth) return breakAt('RESOLUTION_TOO_DEEP', reader, writer);
    if (reader.node.name === '' && writer.node.name === '') return this.descend(reader, writer);
    let byWriter = this.memo.get(reader.node);
    if (!byWriter) this.memo.set(reader.node, (byWriter = new Map()));
    const cached = byWriter.get(writer.node);
    if (cached === inProgress) return compatible;
    if (cached) return cached;
    byWriter.set(writer.node, inProgress);
    const result = this.descend(reader, writer);
    byWriter.set(writer.node, result);
    return result;
  }

  private descend(reader: Side, writer: Side): CheckResult {
    this.depth++;
    const result = this.calculate(reader, writer);
    this.depth--;
    return result;
  }

  private calculate(reader: Side, writer: Side): CheckResult {
    const r = reader.node;
    const w = writer.node;
    if (r.kind !== w.kind) return this.checkDifferentKinds(reader, writer);
    if (composite.has(r.kind) && canonicalOf(r) === canonicalOf(w)) return compatible;
    switch (r.kind) {
      case 'array':
        return this.check(childSide(reader, '[]'), childSide(writer, '[]'));
      case 'map':
        return this.check(childSide(reader, '{}'), childSide(writer, '{}'));
      case 'union':
        return this.checkWriterUnion(reader, writer);
      case 'record': {
        const names = checkNamedTypes(reader, writer);
        const fields = checkRecordFields(reader, writer, this);
        return names === compatible ? fields : merge([names, fields]);
      }
      case 'enum':
      case 'fixed':
        return merge([checkNamedTypes(reader, writer), checkLogicalTypes(reader, writer)]);
      default:
        return checkLogicalTypes(reader, writer);
    }
  }

  private checkDifferentKinds(reader: Side, writer: Side): CheckResult {
    if (writer.node.kind === 'union') return this.checkWriterUnion(reader, writer);
    if (reader.node.kind === 'union') return this.checkReaderUnion(reader, writer);
    if (isPromotion(reader.node.kind, writer.node.kind)) return checkLogicalTypes(reader, writer);
    return breakAt('TYPE_MISMATCH', reader, writer);
  }

  /** Every branch the writer may have written must be readable; a reader union reports what it lacks. */
  private checkWriterUnion(reader: Side, writer: Side): CheckResult {
    let broken: CheckResult[] | undefined;
    for (let i = 0; i < writer.node.branches.length; i++) {
      const result = this.check(reader, branchSide(writer, i));
      if (result !== compatible) (broken ??= []).push(result);
    }
    return broken ? merge(broken) : compatible;
  }

  /** A non-union writer needs one reader branch that reads it; the first that does is the one Avro uses. */
  private checkReaderUnion(reader: Side, writer: Side): CheckResult {
    const branches = reader.node.branches;
    // When the union holds the writer's own type (same kind and name) the reason that branch fails is the
    // useful explanation; otherwise the union simply lacks the writer's type. The loop has already checked that
    // branch: checking it again would double the work at every level of nested unions.
    let explained: CheckResult | undefined;
    for (const i of candidateBranches(reader.node, writer.node)) {
      const branch = branches[i] as TypeNode;
      if (!canMatch(branch, writer.node)) continue;
      const result = this.check(branchSide(reader, i), writer);
      if (result.compatible) return result;
      // A union holds each kind and name once, so this is the writer's own type.
      if (branch.kind === writer.node.kind && branch.name === writer.node.name) explained = result;
    }
    if (explained && explained.breaks.length > 0) return explained;
    return breakAt('MISSING_UNION_BRANCH', reader, writer);
  }
}

/**
 * The reader union's branches that may read the writer, in branch order (Avro takes the first that reads it):
 * its unnamed branches, and the named ones whose name or alias matches. A union may list thousands of named types;
 * looking each writer branch up by name keeps two such unions linear.
 */
function candidateBranches(union: TypeNode, writer: TypeNode): readonly number[] {
  const index = (union.unionIndex ??= indexUnion(union));
  if (writer.name === '') return index.unnamed;
  const byShort = index.named.get(`short:${writer.short}`);
  const byAlias = index.named.get(`alias:${writer.name}`);
  if (!byAlias) return byShort ?? noIndexes;
  return [...new Set([...(byShort ?? []), ...byAlias])].sort((a, b) => a - b);
}

function indexUnion(union: TypeNode): UnionIndex {
  const unnamed: number[] = [];
  const named = new Map<string, number[]>();
  const add = (key: string, i: number) => {
    const list = named.get(key);
    if (list) list.push(i);
    else named.set(key, [i]);
  };
  union.branches.forEach((b, i) => {
    if (b.name === '') unnamed.push(i);
    else {
      add(`short:${b.short}`, i);
      for (const alias of b.aliases) add(`alias:${alias}`, i);
    }
  });
  return { unnamed, named };
}

const noIndexes: readonly number[] = Object.freeze([]);

/**
 * Whether a reader union branch may read the writer at all: a kind that no promotion bridges cannot, nor can a
 * named type whose name does not match (that is a NAME_MISMATCH, never compatible). Skipping them keeps a union
 * of thousands of records linear instead of checking every pair of branches.
 */
function canMatch(reader: TypeNode, writer: TypeNode): boolean {
  if (reader.kind !== writer.kind) return isPromotion(reader.kind, writer.kind);
  return reader.name === '' || namesMatch(reader, writer);
}

const inProgress = Symbol('in progress');

/**
 * How many pairs deep resolution goes before it gives up with RESOLUTION_TOO_DEEP: far beyond any real schema
 * (a few dozen levels), and half of what the CLI's main thread was measured to hold (about 1,200).
 */
export const maxResolutionDepth = 500;

/** Kinds whose unchanged subtrees are worth skipping; a primitive is checked as fast as it is compared. */
const composite: ReadonlySet<TypeNode['kind']> = new Set(['record', 'array', 'map', 'union']);

function childSide(parent: Side, step: '[]' | '{}'): Side {
  const node = parent.node.child as TypeNode;
  return { type: node.source, node, file: parent.type.file, span: parent.node.childSpan ?? parent.span, parent, step };
}

function branchSide(side: Side, index: number): Side {
  const union = side.type as AvroUnion;
  const node = side.node.branches[index] as TypeNode;
  // A branch adds no step to the path (messages name the field), but keeps its union as parent to describe it.
  return {
    type: node.source,
    node,
    file: union.file,
    span: union.branchSpans[index] ?? union.span,
    parent: side,
    step: '',
  };
}

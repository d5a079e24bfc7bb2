import type { Span } from '../core/data-node.js';
import { isPrimitiveName, shortName, type AvroField, type AvroPrimitive, type AvroType } from './avro-model.js';
import { describeLogical } from './compat-primitives.js';

/** Avro's resolution kinds: `error` is a record. */
export type Kind = Exclude<AvroType['type'], 'error'>;

/**
 * Shared by every node that has none of them: most nodes are primitives, and a check from text builds every node
 * of both schemas, so per-node empty collections were most of its allocation (and of its GC time).
 */
const noFields: readonly FieldNode[] = Object.freeze([]);
const noBranches: readonly TypeNode[] = Object.freeze([]);
const noStrings: readonly string[] = Object.freeze([]);
const noFieldsByName: ReadonlyMap<string, FieldNode> = new Map();
const noSymbols: ReadonlySet<string> = new Set();

/**
 * The Avro graph reshaped for resolution: one node per named or composite type object (so identity, sharing and
 * recursion carry over; a primitive, a leaf, gets one per place it is met), every node of one shape, and what the rules look up (unqualified name, fields by name, symbol set,
 * logical type) computed once. The parser's objects vary in shape with their optional keys, which makes every
 * property read on the hot path polymorphic. Collections a kind does not use are the shared empty constants above.
 */
export class TypeNode {
  readonly kind: Kind;
  name = '';
  short = '';
  aliases: readonly string[] = noStrings;
  fields: readonly FieldNode[] = noFields;
  /** Array items or map values. */
  child: TypeNode | undefined = undefined;
  childSpan: Span | undefined = undefined;
  branches: readonly TypeNode[] = noBranches;
  symbols: ReadonlySet<string> = noSymbols;
  enumDefault: string | undefined = undefined;
  size = -1;
  /** `decimal(10, 2)`, `date`, … or `none`. */
  logical = 'none';
  /** Everything resolution looks at, as a key; see canonicalOf in compat-canonical.ts. */
  canonical: string | undefined = undefined;
  /** The canonical key as a parent writes it: its SHA-256 digest when it is long (compat-canonical.ts). */
  canonicalRef: string | undefined = undefined;
  /** A union's branches by name, built when it first reads a writer that is not a union (compat-resolve.ts). */
  unionIndex: UnionIndex | undefined = undefined;

  private fieldIndex: ReadonlyMap<string, FieldNode> | undefined = undefined;

  constructor(readonly source: AvroType) {
    this.kind = source.type === 'error' ? 'record' : source.type;
  }

  /**
   * Fields by name (the first of a name, should a hand-made record repeat one), indexed on first use: a check only
   * looks fields up in the writer records it does not skip, so most records never need it.
   */
  get byName(): ReadonlyMap<string, FieldNode> {
    if (this.fieldIndex) return this.fieldIndex;
    if (this.fields.length === 0) return noFieldsByName;
    const index = new Map<string, FieldNode>();
    for (const f of this.fields) if (!index.has(f.name)) index.set(f.name, f);
    return (this.fieldIndex = index);
  }
}

export interface UnionIndex {
  /** Branches without a name: at most one per kind, so few. */
  readonly unnamed: readonly number[];
  /** Named branches by `short:` name and by `alias:` full name. */
  readonly named: ReadonlyMap<string, readonly number[]>;
}

export class FieldNode {
  constructor(
    readonly source: AvroField,
    readonly name: string,
    readonly aliases: readonly string[],
    readonly hasDefault: boolean,
    readonly type: TypeNode,
  ) {}
}

/** Where built nodes are kept, by type: the shared cache, or a table of one build. */
export interface NodeTable {
  get(type: AvroType): TypeNode | undefined;
  set(type: AvroType, node: TypeNode): unknown;
}

// Types of a parse that many checks share (a product version's files) are immutable once parsing ends, so their
// nodes are built once and reused by every check. Only such types belong here: while a weak map's entry lives, V8's
// young-generation collections keep its node (and through it the whole parse) alive, so a fresh parse put here
// survives until a full collection: checks from text spent half their time in GC so.
const shared = new WeakMap<AvroType, TypeNode>();

/** The node of a type from a shared parse, from the cache or built into it. */
export function nodeOf(type: AvroType): TypeNode {
  return buildNodes(type, shared);
}

/**
 * The node of a type, building the nodes of everything it reaches with a work list (graphs may be very deep) into
 * `table`: by default one of its own, for types that one owner checks and keeps the nodes of (a parsed version).
 */
export function buildNodes(type: AvroType, table: NodeTable = new Map()): TypeNode {
  const known = table.get(type);
  if (known) return known;
  if (isPrimitive(type)) {
    const node = primitiveNode(type);
    table.set(type, node);
    return node;
  }
  const builder = new GraphBuilder(table);
  const root = builder.nodeOf(type);
  for (let n = builder.unfilled.pop(); n; n = builder.unfilled.pop()) builder.fill(n, n.source);
  return root;
}

class GraphBuilder {
  readonly unfilled: TypeNode[] = [];

  constructor(private readonly table: NodeTable) {}

  nodeOf(t: AvroType): TypeNode {
    // A primitive is a leaf written at one place: its node needs no entry to keep identity or end a cycle.
    if (isPrimitive(t)) return primitiveNode(t);
    let n = this.table.get(t);
    if (!n) {
      n = new TypeNode(t);
      this.table.set(t, n);
      this.unfilled.push(n);
    }
    return n;
  }

  fill(node: TypeNode, t: AvroType): void {
    if ('logicalType' in t) node.logical = describeLogical(t.logicalType);
    switch (t.type) {
      case 'array':
        node.child = this.nodeOf(t.items);
        node.childSpan = t.itemsSpan;
        return;
      case 'map':
        node.child = this.nodeOf(t.values);
        node.childSpan = t.valuesSpan;
        return;
      case 'union': {
        const branches: TypeNode[] = [];
        for (const b of t.branches) branches.push(this.nodeOf(b));
        node.branches = branches;
        return;
      }
      case 'record':
      case 'error':
        this.fillNamed(node, t);
        this.fillFields(node, t.fields);
        return;
      case 'enum':
        this.fillNamed(node, t);
        node.symbols = new Set(t.symbols);
        node.enumDefault = t.default;
        return;
      case 'fixed':
        this.fillNamed(node, t);
        node.size = t.size;
        return;
      default:
        return;
    }
  }

  private fillNamed(node: TypeNode, t: { readonly name: string; readonly aliases: readonly string[] }): void {
    node.name = t.name;
    node.short = shortName(t.name);
    node.aliases = t.aliases;
  }

  private fillFields(node: TypeNode, source: readonly AvroField[]): void {
    const fields: FieldNode[] = [];
    for (const f of source)
      fields.push(new FieldNode(f, f.name, uniqueAliases(f.aliases), f.hasDefault, this.nodeOf(f.type)));
    node.fields = fields;
  }
}

function isPrimitive(t: AvroType): t is AvroPrimitive {
  return isPrimitiveName(t.type);
}

function primitiveNode(t: AvroPrimitive): TypeNode {
  const node = new TypeNode(t);
  if (t.logicalType) node.logical = describeLogical(t.logicalType);
  return node;
}

/** A field's aliases once each; most fields have none, and share the empty list. */
function uniqueAliases(aliases: readonly string[]): readonly string[] {
  if (aliases.length === 0) return noStrings;
  return aliases.length === 1 ? aliases : [...new Set(aliases)];
}

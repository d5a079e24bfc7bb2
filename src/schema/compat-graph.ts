import type { Span } from '../core/data-node.js';
import { shortName, type AvroField, type AvroType } from './avro-model.js';
import { describeLogical } from './compat-primitives.js';

/** Avro's resolution kinds: `error` is a record. */
export type Kind = Exclude<AvroType['type'], 'error'>;

/**
 * The Avro graph reshaped for resolution: one node per type object (so identity, sharing and recursion carry
 * over), every node of one shape, and what the rules look up (unqualified name, fields by name, symbol set,
 * logical type) computed once. The parser's objects vary in shape with their optional keys, which makes every
 * property read on the hot path polymorphic.
 */
export class TypeNode {
  kind: Kind;
  name = '';
  short = '';
  aliases: readonly string[] = [];
  fields: FieldNode[] = [];
  byName = new Map<string, FieldNode>();
  /** Array items or map values. */
  child: TypeNode | undefined = undefined;
  childSpan: Span | undefined = undefined;
  branches: TypeNode[] = [];
  symbols: ReadonlySet<string> = new Set();
  enumDefault: string | undefined = undefined;
  size = -1;
  /** `decimal(10, 2)`, `date`, … or `none`. */
  logical = 'none';
  /** Everything resolution looks at, written out; see canonicalOf. */
  canonical: string | undefined = undefined;

  constructor(readonly source: AvroType) {
    this.kind = source.type === 'error' ? 'record' : source.type;
  }
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

// Parsed schemas are immutable once parsing ends, so their nodes are built once and reused by every check.
const nodes = new WeakMap<AvroType, TypeNode>();

export function nodeOf(type: AvroType): TypeNode {
  const known = nodes.get(type);
  if (known) return known;
  const node = new TypeNode(type);
  nodes.set(type, node);
  fill(node, type);
  return node;
}

function fill(node: TypeNode, t: AvroType): void {
  if ('logicalType' in t) node.logical = describeLogical(t.logicalType);
  switch (t.type) {
    case 'array':
      node.child = nodeOf(t.items);
      node.childSpan = t.itemsSpan;
      return;
    case 'map':
      node.child = nodeOf(t.values);
      node.childSpan = t.valuesSpan;
      return;
    case 'union':
      node.branches = t.branches.map(nodeOf);
      return;
    case 'record':
    case 'error':
    case 'enum':
    case 'fixed':
      node.name = t.name;
      node.short = shortName(t.name);
      node.aliases = t.aliases;
      break;
    default:
      return;
  }
  if (t.type === 'enum') {
    node.symbols = new Set(t.symbols);
    node.enumDefault = t.default;
  } else if (t.type === 'fixed') {
    node.size = t.size;
  } else {
    node.fields = t.fields.map((f) => new FieldNode(f, f.name, [...new Set(f.aliases)], f.hasDefault, nodeOf(f.type)));
    for (const f of node.fields) if (!node.byName.has(f.name)) node.byName.set(f.name, f);
  }
}

/**
 * A canonical text of everything resolution reads in a type (kinds, names, aliases, fields and their defaults,
 * symbols, sizes, logical types), with a named type written out at its first use and by name after it, as in
 * Avro's Parsing Canonical Form. Equal texts mean the same type graph, and a type always reads itself with no
 * break and no warning, so the resolver can skip unchanged parts of a schema: most of any real evolution.
 */
export function canonicalOf(node: TypeNode): string {
  node.canonical ??= write(node, new Set());
  return node.canonical;
}

function write(n: TypeNode, seen: Set<TypeNode>): string {
  switch (n.kind) {
    case 'array':
    case 'map':
      return `${n.kind}(${write(n.child as TypeNode, seen)})`;
    case 'union':
      return `union(${n.branches.map((b) => write(b, seen)).join(',')})`;
    case 'record':
    case 'enum':
    case 'fixed':
      if (seen.has(n)) return `@${n.name}`;
      seen.add(n);
      return `${n.kind}{${n.name};${JSON.stringify(n.aliases)};${writeNamedBody(n, seen)}}`;
    default:
      return `${n.kind}:${n.logical}`;
  }
}

function writeNamedBody(n: TypeNode, seen: Set<TypeNode>): string {
  if (n.kind === 'enum') return `${JSON.stringify([...n.symbols])};${n.enumDefault ?? ''}`;
  if (n.kind === 'fixed') return `${n.size};${n.logical}`;
  return n.fields
    .map((f) => `${f.name}${JSON.stringify(f.aliases)}${f.hasDefault ? '=' : ''}:${write(f.type, seen)}`)
    .join(',');
}

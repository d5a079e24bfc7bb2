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
  /** Everything resolution looks at, as a key; see canonicalOf in compat-canonical.ts. */
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

/** The node of a type, building the nodes of everything it reaches with a work list: graphs may be very deep. */
export function nodeOf(type: AvroType): TypeNode {
  const known = nodes.get(type);
  if (known) return known;
  const unfilled: TypeNode[] = [];
  const node = (t: AvroType): TypeNode => {
    let n = nodes.get(t);
    if (!n) {
      n = new TypeNode(t);
      nodes.set(t, n);
      unfilled.push(n);
    }
    return n;
  };
  const root = node(type);
  for (let n = unfilled.pop(); n; n = unfilled.pop()) fill(n, n.source, node);
  return root;
}

function fill(node: TypeNode, t: AvroType, nodeOf: (t: AvroType) => TypeNode): void {
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

import { createHash } from 'node:crypto';
import type { TypeNode } from './compat-graph.js';

/**
 * A canonical key of everything resolution reads in a type (kinds, names, aliases, fields and whether they have a
 * default, symbols, sizes, logical types). Equal keys mean the same type graph, and a type always reads itself
 * with no break and no warning, so the resolver can skip unchanged parts of a schema: most of any real evolution.
 *
 * Keys are compositional, so each node's key is computed once and in time linear in its own size: a node writes
 * its children's keys, and a key longer than a digest is replaced by its SHA-256 (a collision would pass a changed
 * type as unchanged, so the digest must resist crafted input). Recursion only runs through named types; the named
 * types of one strongly connected component are keyed together, by the unfolding of the component from its member
 * with the smallest name (a named type written out at its first use and by name after it, as in Avro's Parsing
 * Canonical Form), so every member's key is the same whichever member a check meets first. Every walk here uses an
 * explicit stack: a product's files may chain named types thousands of levels deep.
 */
export function canonicalOf(node: TypeNode): string {
  if (node.canonical === undefined) keyComponents(node);
  return node.canonical as string;
}

/** Longer keys are written by digest inside their parents' keys. */
const inlineLimit = 48;

function ref(node: TypeNode): string {
  const key = node.canonical as string;
  return key.length <= inlineLimit ? key : `#${createHash('sha256').update(key).digest('base64')}`;
}

function edgesOf(n: TypeNode): TypeNode[] {
  if (n.child) return [n.child];
  if (n.kind === 'union') return n.branches;
  if (n.kind === 'record') return n.fields.map((f) => f.type);
  return [];
}

interface Frame {
  readonly node: TypeNode;
  readonly edges: TypeNode[];
  next: number;
}

/** Tarjan's algorithm over the nodes not yet keyed; components come out children first, and are keyed so. */
function keyComponents(root: TypeNode): void {
  const index = new Map<TypeNode, number>();
  const low = new Map<TypeNode, number>();
  const stack: TypeNode[] = [];
  const onStack = new Set<TypeNode>();
  const frames: Frame[] = [];
  const enter = (n: TypeNode) => {
    index.set(n, index.size);
    low.set(n, index.size - 1);
    stack.push(n);
    onStack.add(n);
    frames.push({ node: n, edges: edgesOf(n).filter((e) => e.canonical === undefined), next: 0 });
  };
  enter(root);
  while (frames.length > 0) {
    const top = frames[frames.length - 1] as Frame;
    const edge = top.edges[top.next++];
    if (edge) {
      if (!index.has(edge)) enter(edge);
      else if (onStack.has(edge)) low.set(top.node, Math.min(low.get(top.node) as number, index.get(edge) as number));
      continue;
    }
    frames.pop();
    const lowest = low.get(top.node) as number;
    const parent = frames[frames.length - 1];
    if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, lowest));
    if (lowest !== index.get(top.node)) continue;
    const component: TypeNode[] = [];
    for (let n = stack.pop(); n; n = stack.pop()) {
      onStack.delete(n);
      component.push(n);
      if (n === top.node) break;
    }
    keyComponent(component);
  }
}

function keyComponent(component: readonly TypeNode[]): void {
  const only = component[0] as TypeNode;
  if (component.length === 1 && !edgesOf(only).includes(only)) {
    only.canonical = localKey(only);
    return;
  }
  const members = new Set(component);
  const named = component.filter((n) => n.name !== '');
  // The parser only makes cycles through named types; the fallback keeps any other graph terminating.
  const first = named.reduce((a, b) => (b.name < a.name ? b : a), named[0] ?? only);
  const unfolded = { canonical: unfold(first, members) } as TypeNode;
  const digest = ref(unfolded);
  for (const n of named) n.canonical = `rec(${digest})${n.name}`;
  // The unnamed members (unions, arrays, maps on the cycle) lie between named ones within one file.
  const keyUnnamed = (n: TypeNode): string => {
    if (n.canonical === undefined) {
      for (const e of edgesOf(n)) if (e.canonical === undefined) keyUnnamed(e);
      n.canonical = localKey(n);
    }
    return n.canonical;
  };
  for (const n of component) keyUnnamed(n);
}

/** A node's key from its own properties and its children's keys. */
function localKey(n: TypeNode): string {
  switch (n.kind) {
    case 'array':
    case 'map':
      return `${n.kind}(${ref(n.child as TypeNode)})`;
    case 'union':
      return `union(${n.branches.map(ref).join(',')})`;
    case 'record':
      return `record{${n.name};${JSON.stringify(n.aliases)};${n.fields
        .map((f) => `${f.name}${JSON.stringify(f.aliases)}${f.hasDefault ? '=' : ''}:${ref(f.type)}`)
        .join(',')}}`;
    case 'enum':
    case 'fixed':
      return `${n.kind}{${n.name};${JSON.stringify(n.aliases)};${namedBody(n)}}`;
    default:
      return `${n.kind}:${n.logical}`;
  }
}

function namedBody(n: TypeNode): string {
  return n.kind === 'enum' ? `${JSON.stringify([...n.symbols])};${n.enumDefault ?? ''}` : `${n.size};${n.logical}`;
}

/**
 * The component written out from `first`: members expanded at their first use and by name after it, anything
 * outside the component by its key. Pieces go on a stack in reverse, so the text comes out in order.
 */
function unfold(first: TypeNode, members: ReadonlySet<TypeNode>): string {
  const seen = new Set<TypeNode>();
  const todo: (string | TypeNode)[] = [first];
  let out = '';
  for (let item = todo.pop(); item !== undefined; item = todo.pop()) {
    if (typeof item === 'string') out += item;
    else if (!members.has(item)) out += ref(item);
    else if (seen.has(item)) out += `@${item.name}`;
    else {
      // An unnamed node has one parent, so it is met once; marking it too bounds the walk on any graph.
      seen.add(item);
      todo.push(...piecesOf(item).reverse());
    }
  }
  return out;
}

function piecesOf(n: TypeNode): (string | TypeNode)[] {
  switch (n.kind) {
    case 'array':
    case 'map':
      return [`${n.kind}(`, n.child as TypeNode, ')'];
    case 'union':
      return ['union(', ...n.branches.flatMap((b, i) => (i === 0 ? [b] : [',', b])), ')'];
    case 'record':
      return [
        `record{${n.name};${JSON.stringify(n.aliases)};`,
        ...n.fields.flatMap((f, i) => [
          `${i === 0 ? '' : ','}${f.name}${JSON.stringify(f.aliases)}${f.hasDefault ? '=' : ''}:`,
          f.type,
        ]),
        '}',
      ];
    default:
      return [localKey(n)];
  }
}

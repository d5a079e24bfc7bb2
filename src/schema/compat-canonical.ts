import { hash } from 'node:crypto';
import type { FieldNode, TypeNode } from './compat-graph.js';

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
  if (node.canonical === undefined && !keyAcyclic(node)) keyComponents(node);
  return node.canonical as string;
}

/** Longer keys are written by digest inside their parents' keys. */
const inlineLimit = 48;

function ref(node: TypeNode): string {
  const key = node.canonical as string;
  return key.length <= inlineLimit ? key : (node.canonicalRef ??= digestOf(key));
}

function digestOf(key: string): string {
  return `#${hash('sha256', key, 'base64')}`;
}

/** Marks a node on the path of keyAcyclic's walk; never a key. */
const onPath = '';

/**
 * Keys the nodes a root reaches, children first, when none of them lies on a cycle: the common case, in one walk
 * with no per-node allocation. On meeting a node of its own path it clears the marks and returns false, leaving
 * keyed only nodes whose every descendant is keyed (each its own component, keyed as keyComponent would).
 */
function keyAcyclic(root: TypeNode): boolean {
  const path: TypeNode[] = [root];
  const next: number[] = [0];
  root.canonical = onPath;
  while (path.length > 0) {
    const top = path.length - 1;
    const n = path[top] as TypeNode;
    const i = next[top] as number;
    if (i === edgeCount(n)) {
      n.canonical = localKey(n);
      path.pop();
      next.pop();
      continue;
    }
    next[top] = i + 1;
    const edge = edgeAt(n, i);
    if (edge.canonical === onPath) {
      for (const m of path) m.canonical = undefined;
      return false;
    }
    if (edge.canonical !== undefined) continue;
    if (edgeCount(edge) === 0) edge.canonical = localKey(edge);
    else {
      edge.canonical = onPath;
      path.push(edge);
      next.push(0);
    }
  }
  return true;
}

function edgeCount(n: TypeNode): number {
  if (n.child) return 1;
  if (n.kind === 'union') return n.branches.length;
  return n.kind === 'record' ? n.fields.length : 0;
}

function edgeAt(n: TypeNode, i: number): TypeNode {
  if (n.child) return n.child;
  return (n.kind === 'union' ? n.branches[i] : n.fields[i]?.type) as TypeNode;
}

function edgesOf(n: TypeNode): readonly TypeNode[] {
  if (n.child) return [n.child];
  if (n.kind === 'union') return n.branches;
  if (n.kind === 'record') return n.fields.map((f) => f.type);
  return [];
}

interface Frame {
  readonly node: TypeNode;
  readonly edges: readonly TypeNode[];
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
  const unfolded = unfold(first, members);
  const digest = unfolded.length <= inlineLimit ? unfolded : digestOf(unfolded);
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
    case 'union': {
      let key = 'union(';
      for (let i = 0; i < n.branches.length; i++) key += `${i === 0 ? '' : ','}${ref(n.branches[i] as TypeNode)}`;
      return `${key})`;
    }
    case 'record': {
      let key = `record{${n.name};${namesKey(n.aliases)};`;
      for (let i = 0; i < n.fields.length; i++) {
        const f = n.fields[i] as FieldNode;
        key += `${i === 0 ? '' : ','}${f.name}${namesKey(f.aliases)}${f.hasDefault ? '=' : ''}:${ref(f.type)}`;
      }
      return `${key}}`;
    }
    case 'enum':
    case 'fixed':
      return `${n.kind}{${n.name};${namesKey(n.aliases)};${namedBody(n)}}`;
    default:
      return `${n.kind}:${n.logical}`;
  }
}

function namesKey(names: readonly string[]): string {
  return names.length === 0 ? '[]' : JSON.stringify(names);
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
        `record{${n.name};${namesKey(n.aliases)};`,
        ...n.fields.flatMap((f, i) => [
          `${i === 0 ? '' : ','}${f.name}${namesKey(f.aliases)}${f.hasDefault ? '=' : ''}:`,
          f.type,
        ]),
        '}',
      ];
    default:
      return [localKey(n)];
  }
}

/**
 * A parsed JSON or YAML value that remembers where each part came from (UTF-16 offsets into the file's text).
 * YAML aliases resolve to the anchored node itself, so a node may be shared; the YAML parser bounds the expanded
 * size, so walking a tree is always safe.
 */
export type DataNode = ObjectNode | ArrayNode | ScalarNode;

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface ObjectEntry {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: DataNode;
}

export interface ObjectNode extends Span {
  readonly kind: 'object';
  readonly entries: readonly ObjectEntry[];
}

export interface ArrayNode extends Span {
  readonly kind: 'array';
  readonly items: readonly DataNode[];
}

export interface ScalarNode extends Span {
  readonly kind: 'scalar';
  readonly value: string | number | boolean | null;
}

export type PathSegment = string | number;

/** Objects with more entries than this get an index on first lookup, so locating many keys stays linear. */
const indexFrom = 16;
const indexes = new WeakMap<ObjectNode, Map<string, ObjectEntry>>();

/** Looks up a key of an object node (the last occurrence wins, as in JSON.parse). */
export function entryOf(node: DataNode | undefined, key: string): ObjectEntry | undefined {
  if (node?.kind !== 'object') return undefined;
  if (node.entries.length > indexFrom) return indexOf(node).get(key);
  for (let i = node.entries.length - 1; i >= 0; i--) {
    const entry = node.entries[i];
    if (entry?.key === key) return entry;
  }
  return undefined;
}

function indexOf(node: ObjectNode): Map<string, ObjectEntry> {
  let index = indexes.get(node);
  if (!index) {
    index = new Map();
    for (const entry of node.entries) index.set(entry.key, entry);
    indexes.set(node, index);
  }
  return index;
}

export function childOf(node: DataNode | undefined, segment: PathSegment): DataNode | undefined {
  if (node === undefined) return undefined;
  if (typeof segment === 'number') return node.kind === 'array' ? node.items[segment] : undefined;
  return entryOf(node, segment)?.value;
}

/**
 * The span that best points at `path`: the value itself when it exists (or its key, when `key` is asked for),
 * otherwise the deepest existing ancestor, so a missing field points at the object that lacks it.
 */
export function spanAt(root: DataNode, path: readonly PathSegment[], options: { key?: boolean } = {}): Span {
  let node: DataNode = root;
  let span: Span = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as PathSegment;
    if (typeof segment === 'string') {
      const entry = entryOf(node, segment);
      if (!entry) return span;
      const last = i === path.length - 1;
      span = last && options.key ? entry.keySpan : entry.value;
      node = entry.value;
    } else {
      const child = childOf(node, segment);
      if (!child) return span;
      span = child;
      node = child;
    }
  }
  return span;
}

/** Plain JavaScript value of a node; a `__proto__` key stays an ordinary key. */
export function toPlain(node: DataNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'array':
      return node.items.map(toPlain);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const entry of node.entries) {
        // Plain assignment of "__proto__" would replace the prototype instead of adding a key.
        if (entry.key === '__proto__') {
          Object.defineProperty(out, entry.key, {
            value: toPlain(entry.value),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        } else out[entry.key] = toPlain(entry.value);
      }
      return out;
    }
  }
}

import {
  determineScalarType,
  Kind,
  parseYamlBoolean,
  parseYamlFloat,
  parseYamlInteger,
  ScalarType,
  type YAMLNode,
  type YAMLScalar,
} from '@stoplight/yaml-ast-parser';
import type { DataNode, ObjectEntry, Span } from './data-node.js';
import type { YamlProblem } from './yaml-parse.js';
import { taggedScalarValue, type TagReport } from './yaml-tags.js';

// Turns a parsed YAML tree into positioned data nodes or plain values in one linear pass: duplicate and complex keys
// are reported, nesting and alias expansion are bounded, and scalars are typed by the YAML 1.2 core schema.

/** Nesting a manifest may use; real manifests need about 6. */
export const maxYamlDepth = 64;
/** Nodes a document may expand to through aliases; bounds "billion laughs" documents. */
export const maxYamlExpandedNodes = 100_000;

/** What the converter builds: positioned data nodes, or plain values. */
export interface Builder<T> {
  scalar(span: Span, value: string | number | boolean | null): T;
  array(span: Span, items: T[]): T;
  object(span: Span, keys: readonly { key: string; keySpan: Span }[], values: T[]): T;
}

export class NodeBuilder implements Builder<DataNode> {
  scalar(span: Span, value: string | number | boolean | null): DataNode {
    return { kind: 'scalar', value, start: span.start, end: span.end };
  }
  array(span: Span, items: DataNode[]): DataNode {
    return { kind: 'array', items, start: span.start, end: span.end };
  }
  object(span: Span, keys: readonly { key: string; keySpan: Span }[], values: DataNode[]): DataNode {
    const entries: ObjectEntry[] = keys.map((k, i) => ({
      key: k.key,
      keySpan: k.keySpan,
      value: values[i] as DataNode,
    }));
    return { kind: 'object', entries, start: span.start, end: span.end };
  }
}

export class PlainBuilder implements Builder<unknown> {
  scalar(_span: Span, value: string | number | boolean | null): unknown {
    return value;
  }
  array(_span: Span, items: unknown[]): unknown {
    return items;
  }
  object(_span: Span, keys: readonly { key: string }[], values: unknown[]): unknown {
    const out: Record<string, unknown> = {};
    keys.forEach(({ key }, i) => {
      // Plain assignment of "__proto__" would replace the prototype instead of adding a key.
      if (key === '__proto__')
        Object.defineProperty(out, key, { value: values[i], enumerable: true, writable: true, configurable: true });
      else out[key] = values[i];
    });
    return out;
  }
}

/** Converts one document; after a fatal problem (`stopped`) the value is to be discarded. */
export class Converter<T> {
  stopped = false;
  /** Converted nodes and their expanded sizes, so an alias reuses (and is charged for) what it points at. */
  private readonly done = new Map<YAMLNode, { value: T; size: number }>();
  private readonly inProgress = new Set<YAMLNode>();
  private expanded = 0;
  private lastSize = 0;

  constructor(
    private readonly report: (problem: YamlProblem) => void,
    private readonly builder: Builder<T>,
    private readonly tags: TagReport,
  ) {}

  private stop(offset: number, message: string, kind: YamlProblem['kind']): T {
    if (!this.stopped) this.report({ offset, message, kind });
    this.stopped = true;
    return this.builder.scalar({ start: offset, end: offset }, null);
  }

  /** Converts a node; afterwards `lastSize` holds its expanded size in nodes. */
  convert(node: YAMLNode | null | undefined, depth: number): T {
    this.lastSize = 1;
    if (!node || this.stopped)
      return this.builder.scalar({ start: node?.startPosition ?? 0, end: node?.startPosition ?? 0 }, null);
    if (depth > maxYamlDepth)
      return this.stop(node.startPosition, `Values are nested deeper than ${maxYamlDepth} levels`, 'too-deep');
    const target = node.kind === Kind.ANCHOR_REF ? (node.value as YAMLNode | undefined) : node;
    if (!target || this.inProgress.has(target))
      return this.stop(node.startPosition, 'An alias refers to its own anchor', 'syntax');
    const known = this.done.get(target);
    if (known) return this.charge(known, node);
    const value = this.convertFresh(target, depth);
    if (target.anchorId !== undefined) this.done.set(target, { value, size: this.lastSize });
    return value;
  }

  /** Each alias use counts the full size of what it expands to, so shared subtrees cannot hide their cost. */
  private charge(known: { value: T; size: number }, node: YAMLNode): T {
    this.expanded += known.size;
    this.lastSize = known.size;
    if (this.expanded > maxYamlExpandedNodes) {
      return this.stop(
        node.startPosition,
        `Aliases expand the document beyond ${maxYamlExpandedNodes} nodes`,
        'alias-limit',
      );
    }
    return known.value;
  }

  private convertFresh(node: YAMLNode, depth: number): T {
    const span = { start: node.startPosition, end: node.endPosition };
    this.expanded++;
    if (node.kind === Kind.SCALAR || node.kind === Kind.INCLUDE_REF) {
      this.lastSize = 1;
      return this.builder.scalar(span, this.scalarValue(node as YAMLScalar));
    }
    this.inProgress.add(node);
    let size = 1;
    try {
      if (node.kind === Kind.SEQ) {
        const items = ((node as { items?: (YAMLNode | null)[] }).items ?? []).map((item) => {
          const value = this.convert(item, depth + 1);
          size += this.lastSize;
          return value;
        });
        this.lastSize = size;
        return this.builder.array(span, items);
      }
      if (node.kind === Kind.MAP) return this.convertMap(node, span, depth);
      return this.stop(span.start, 'Unsupported YAML construct', 'syntax');
    } finally {
      this.inProgress.delete(node);
    }
  }

  private convertMap(node: YAMLNode, span: Span, depth: number): T {
    const keys: { key: string; keySpan: Span }[] = [];
    const values: T[] = [];
    const seen = new Set<string>();
    let size = 1;
    for (const mapping of (node.mappings ?? []) as YAMLNode[]) {
      const key = mapping.key as YAMLNode | undefined;
      if (!key || key.kind !== Kind.SCALAR) {
        const offset = key?.startPosition ?? mapping.startPosition;
        this.report({
          offset,
          message: 'Keys must be plain strings, not lists, maps or aliases',
          kind: 'complex-key',
        });
        continue;
      }
      const name = String((key as YAMLScalar).value);
      if (seen.has(name)) {
        this.report({
          offset: key.startPosition,
          message: `Key "${name.length > 80 ? `${name.slice(0, 80)}…` : name}" appears a second time in this mapping`,
          kind: 'duplicate-key',
        });
      }
      seen.add(name);
      const valueNode = mapping.value as YAMLNode | null;
      // A key with no value (`key:`) is null, positioned right after the key.
      const value = valueNode
        ? this.convert(valueNode, depth + 1)
        : this.builder.scalar({ start: key.endPosition, end: key.endPosition }, null);
      size += valueNode ? this.lastSize : 1;
      keys.push({ key: name, keySpan: { start: key.startPosition, end: key.endPosition } });
      values.push(value);
    }
    this.lastSize = size;
    return this.builder.object(span, keys, values);
  }

  private scalarValue(node: YAMLScalar): string | number | boolean | null {
    if (node.kind === Kind.INCLUDE_REF) {
      this.tags.include(node);
      return null;
    }
    const tag = this.tags.coreTagOf(node);
    if (tag === undefined)
      return node.plainScalar && this.tags.isNonSpecific(node) ? node.value : untaggedScalarValue(node);
    const typed = taggedScalarValue(tag, node);
    if (typed.ok) return typed.value;
    this.tags.mismatch(tag, node, typed.expected);
    return node.value;
  }
}

function untaggedScalarValue(node: YAMLScalar): string | number | boolean | null {
  if (!node.plainScalar) return node.value;
  switch (determineScalarType(node)) {
    case ScalarType.null:
      return null;
    case ScalarType.bool:
      return parseYamlBoolean(node.value);
    case ScalarType.int:
      return parseYamlInteger(node.value);
    case ScalarType.float:
      return parseYamlFloat(node.value);
    default:
      return node.value;
  }
}

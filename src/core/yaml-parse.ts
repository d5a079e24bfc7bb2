import {
  determineScalarType,
  Kind,
  load,
  parseYamlBoolean,
  parseYamlFloat,
  parseYamlInteger,
  ScalarType,
  type YAMLNode,
  type YAMLScalar,
} from '@stoplight/yaml-ast-parser';
import type { DataNode, ObjectEntry, Span } from './data-node.js';
import { recordingSchema, TagReport, taggedScalarValue, type TaggedNode } from './yaml-tags.js';

/** Nesting a manifest may use; real manifests need about 6. */
export const maxYamlDepth = 64;
/** Nodes a document may expand to through aliases; bounds "billion laughs" documents. */
export const maxYamlExpandedNodes = 100_000;
/** Problems of one kind listed per document; the rest are counted in one closing problem of that kind. */
export const maxYamlProblemsPerKind = 20;

export interface YamlProblem {
  readonly offset: number;
  readonly message: string;
  readonly kind:
    | 'syntax'
    | 'duplicate-key'
    | 'too-deep'
    | 'alias-limit'
    | 'complex-key'
    | 'unsupported-tag'
    | 'tag-mismatch'
    | 'warning';
}

export interface YamlParseResult {
  /** Undefined for an empty document or one too broken to read. */
  readonly root: DataNode | undefined;
  readonly problems: readonly YamlProblem[];
}

export interface YamlValueResult {
  /** The document as plain JavaScript data; undefined for an empty document or one too broken to read. */
  readonly value: unknown;
  readonly problems: readonly YamlProblem[];
}

/**
 * Parses one YAML document (YAML 1.2 core schema) keeping offsets of every node. Never throws on user input:
 * syntax errors, duplicate keys, tags outside the core schema, excessive nesting and alias bombs come back as
 * problems, at most `maxYamlProblemsPerKind` + 1 of each kind. Time and memory are linear in the text.
 */
export function parseYaml(text: string): YamlParseResult {
  const { value, problems } = convertDocument(text, new NodeBuilder());
  return { root: value, problems };
}

/** Same checks as `parseYaml`, building plain values directly: the fast path when positions are not needed. */
export function parseYamlValue(text: string): YamlValueResult {
  return convertDocument(text, new PlainBuilder());
}

function convertDocument<T>(text: string, builder: Builder<T>): { value: T | undefined; problems: YamlProblem[] } {
  const problems = new ProblemList();
  const tagged: TaggedNode[] = [];
  let doc: YAMLNode | undefined;
  try {
    // Duplicate keys are found by the converter in linear time: the parser's own check compares every key with
    // every earlier one and reports each pair twice.
    doc = load(text, { schema: recordingSchema(tagged), ignoreDuplicateKeys: true } as LoadOptions) as
      YAMLNode | undefined;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    problems.add({ offset: 0, message: 'The document is nested too deeply to read', kind: 'too-deep' });
    return { value: undefined, problems: problems.list() };
  }
  const tags = new TagReport(text, tagged, (p) => problems.add(p));
  // A tag on the wrong kind of node derails the parser: what it says next is an echo, so the tag is the finding.
  const errors = doc?.errors ?? [];
  if (errors.some((e) => e.reason.startsWith('unacceptable node kind'))) {
    tags.reportAll();
    return { value: undefined, problems: problems.list() };
  }
  // Only the first syntax error is reliable: the parser's later ones are mostly echoes of it.
  const firstSyntax = errors.find((e) => !e.isWarning);
  for (const e of errors) {
    if (!e.isWarning && e !== firstSyntax) continue;
    problems.add({
      offset: e.mark?.position ?? 0,
      message: capitalize(e.reason),
      kind: e.isWarning ? 'warning' : 'syntax',
    });
  }
  if (!doc || firstSyntax) return { value: undefined, problems: problems.list() };
  tags.reportForeign();
  if (doc.kind === Kind.SCALAR && doc.startPosition === doc.endPosition)
    return { value: undefined, problems: problems.list() };
  const converter = new Converter(problems, builder, tags);
  const value = converter.convert(doc, 0);
  return { value: converter.stopped ? undefined : value, problems: problems.list() };
}

type LoadOptions = Parameters<typeof load>[1];

/** Problems in document order of discovery, at most `maxYamlProblemsPerKind` of each kind plus one that counts the rest. */
class ProblemList {
  private readonly kept: YamlProblem[] = [];
  private readonly counts = new Map<YamlProblem['kind'], number>();
  private readonly firstOmitted = new Map<YamlProblem['kind'], YamlProblem>();

  add(problem: YamlProblem): void {
    const count = (this.counts.get(problem.kind) ?? 0) + 1;
    this.counts.set(problem.kind, count);
    if (count <= maxYamlProblemsPerKind) this.kept.push(problem);
    else if (count === maxYamlProblemsPerKind + 1) this.firstOmitted.set(problem.kind, problem);
  }

  list(): YamlProblem[] {
    const rest = [...this.firstOmitted.values()].map((first) => {
      const more = (this.counts.get(first.kind) ?? 0) - maxYamlProblemsPerKind - 1;
      const tail =
        more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'} of this kind after it, not listed)` : '';
      return { ...first, message: `${first.message}${tail}` };
    });
    return [...this.kept, ...rest];
  }
}

/** What the converter builds: positioned data nodes, or plain values. */
interface Builder<T> {
  scalar(span: Span, value: string | number | boolean | null): T;
  array(span: Span, items: T[]): T;
  object(span: Span, keys: readonly { key: string; keySpan: Span }[], values: T[]): T;
}

class NodeBuilder implements Builder<DataNode> {
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

class PlainBuilder implements Builder<unknown> {
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

class Converter<T> {
  stopped = false;
  /** Converted nodes and their expanded sizes, so an alias reuses (and is charged for) what it points at. */
  private readonly done = new Map<YAMLNode, { value: T; size: number }>();
  private readonly inProgress = new Set<YAMLNode>();
  private expanded = 0;
  private lastSize = 0;

  constructor(
    private readonly problems: ProblemList,
    private readonly builder: Builder<T>,
    private readonly tags: TagReport,
  ) {}

  private stop(offset: number, message: string, kind: YamlProblem['kind']): T {
    if (!this.stopped) this.problems.add({ offset, message, kind });
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
        this.problems.add({
          offset,
          message: 'Keys must be plain strings, not lists, maps or aliases',
          kind: 'complex-key',
        });
        continue;
      }
      const name = String((key as YAMLScalar).value);
      if (seen.has(name)) {
        this.problems.add({
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

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

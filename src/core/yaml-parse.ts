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
import type { DataNode, ObjectEntry } from './data-node.js';

/** Nesting a manifest may use; real manifests need about 6. */
export const maxYamlDepth = 64;
/** Nodes a document may expand to through aliases; bounds "billion laughs" documents. */
export const maxYamlExpandedNodes = 100_000;

export interface YamlProblem {
  readonly offset: number;
  readonly message: string;
  readonly kind: 'syntax' | 'duplicate-key' | 'too-deep' | 'alias-limit' | 'complex-key' | 'warning';
}

export interface YamlParseResult {
  /** Undefined for an empty document or one too broken to read. */
  readonly root: DataNode | undefined;
  readonly problems: readonly YamlProblem[];
}

/**
 * Parses one YAML document (YAML 1.2 core schema) keeping offsets of every node. Never throws on user input:
 * syntax errors, duplicate keys, excessive nesting and alias bombs come back as problems.
 */
export function parseYaml(text: string): YamlParseResult {
  let doc: YAMLNode | undefined;
  try {
    doc = load(text) as YAMLNode | undefined;
  } catch (error) {
    if (error instanceof RangeError) {
      return {
        root: undefined,
        problems: [{ offset: 0, message: 'The document is nested too deeply to read', kind: 'too-deep' }],
      };
    }
    throw error;
  }
  // Only the first syntax error is reliable: the parser's later ones are mostly echoes of it. Duplicate keys are
  // found by the converter, which knows which occurrence came second.
  const errors = (doc?.errors ?? []).filter((e) => e.reason !== 'duplicate key');
  const firstSyntax = errors.find((e) => !e.isWarning);
  const problems: YamlProblem[] = errors
    .filter((e) => e.isWarning || e === firstSyntax)
    .map((e) => ({
      offset: e.mark?.position ?? 0,
      message: capitalize(e.reason),
      kind: e.isWarning ? 'warning' : 'syntax',
    }));
  if (!doc || problems.some((p) => p.kind === 'syntax')) return { root: undefined, problems };
  const converter = new Converter(problems);
  const root = converter.convert(doc, 0);
  if (converter.stopped) return { root: undefined, problems };
  if (root.kind === 'scalar' && root.value === null && root.start === root.end) return { root: undefined, problems };
  return { root, problems };
}

class Converter {
  stopped = false;
  private readonly done = new Map<YAMLNode, DataNode>();
  private readonly inProgress = new Set<YAMLNode>();
  private expanded = 0;

  constructor(private readonly problems: YamlProblem[]) {}

  private stop(offset: number, message: string, kind: YamlProblem['kind']): DataNode {
    if (!this.stopped) this.problems.push({ offset, message, kind });
    this.stopped = true;
    return { kind: 'scalar', value: null, start: offset, end: offset };
  }

  convert(node: YAMLNode | null | undefined, depth: number): DataNode {
    if (!node) return { kind: 'scalar', value: null, start: 0, end: 0 };
    if (this.stopped) return { kind: 'scalar', value: null, start: node.startPosition, end: node.startPosition };
    if (depth > maxYamlDepth)
      return this.stop(node.startPosition, `Values are nested deeper than ${maxYamlDepth} levels`, 'too-deep');
    if (node.kind === Kind.ANCHOR_REF) return this.convertAlias(node, depth);
    const known = this.done.get(node);
    if (known) return this.count(known, node);
    const result = this.convertFresh(node, depth);
    this.done.set(node, result);
    return result;
  }

  /** Each alias use counts the full size of what it expands to, so shared subtrees cannot hide their cost. */
  private count(result: DataNode, node: YAMLNode): DataNode {
    this.expanded += sizeOf(result);
    if (this.expanded > maxYamlExpandedNodes) {
      return this.stop(
        node.startPosition,
        `Aliases expand the document beyond ${maxYamlExpandedNodes} nodes`,
        'alias-limit',
      );
    }
    return result;
  }

  private convertAlias(node: YAMLNode, depth: number): DataNode {
    const target = node.value as YAMLNode | undefined;
    if (!target || this.inProgress.has(target)) {
      return this.stop(node.startPosition, 'An alias refers to its own anchor', 'syntax');
    }
    const known = this.done.get(target);
    if (known) return this.count(known, node);
    return this.convert(target, depth);
  }

  private convertFresh(node: YAMLNode, depth: number): DataNode {
    const start = node.startPosition;
    const end = node.endPosition;
    this.expanded++;
    if (node.kind === Kind.SCALAR) return { kind: 'scalar', value: scalarValue(node as YAMLScalar), start, end };
    this.inProgress.add(node);
    try {
      if (node.kind === Kind.SEQ) {
        const items = ((node as { items?: (YAMLNode | null)[] }).items ?? []).map((item) =>
          this.convert(item, depth + 1),
        );
        return { kind: 'array', items, start, end };
      }
      if (node.kind === Kind.MAP) return { kind: 'object', entries: this.convertEntries(node, depth), start, end };
      return this.stop(start, 'Unsupported YAML construct', 'syntax');
    } finally {
      this.inProgress.delete(node);
    }
  }

  private convertEntries(node: YAMLNode, depth: number): ObjectEntry[] {
    const entries: ObjectEntry[] = [];
    const seen = new Set<string>();
    for (const mapping of (node.mappings ?? []) as YAMLNode[]) {
      const key = mapping.key as YAMLNode | undefined;
      if (!key || key.kind !== Kind.SCALAR) {
        this.problems.push({
          offset: key?.startPosition ?? mapping.startPosition,
          message: 'Keys must be plain strings, not lists, maps or aliases',
          kind: 'complex-key',
        });
        continue;
      }
      const name = String((key as YAMLScalar).value);
      if (seen.has(name)) {
        this.problems.push({
          offset: key.startPosition,
          message: `Key "${name}" appears a second time in this mapping`,
          kind: 'duplicate-key',
        });
      }
      seen.add(name);
      const value = this.convert(mapping.value as YAMLNode | null, depth + 1);
      const valueNode = mapping.value as YAMLNode | null;
      const placed = valueNode ? value : { ...value, start: key.endPosition, end: key.endPosition };
      entries.push({ key: name, keySpan: { start: key.startPosition, end: key.endPosition }, value: placed });
    }
    return entries;
  }
}

function sizeOf(node: DataNode): number {
  let size = 0;
  const stack: DataNode[] = [node];
  while (stack.length > 0 && size <= maxYamlExpandedNodes) {
    const n = stack.pop() as DataNode;
    size++;
    if (n.kind === 'array') stack.push(...n.items);
    else if (n.kind === 'object') for (const e of n.entries) stack.push(e.value);
  }
  return size;
}

function scalarValue(node: YAMLScalar): string | number | boolean | null {
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

import { Kind, load, type YAMLNode } from '@stoplight/yaml-ast-parser';
import type { DataNode } from './data-node.js';
import { Converter, NodeBuilder, PlainBuilder, type Builder } from './yaml-convert.js';
import { recordingSchema, TagReport, type TaggedNode } from './yaml-tags.js';

export { maxYamlDepth, maxYamlExpandedNodes } from './yaml-convert.js';

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
  const converter = new Converter((p) => problems.add(p), builder, tags);
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

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

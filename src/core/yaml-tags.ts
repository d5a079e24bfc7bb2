import { Kind, parseYamlFloat, parseYamlInteger, type YAMLNode, type YAMLScalar } from '@stoplight/yaml-ast-parser';
import type { YamlProblem } from './yaml-parse.js';

/**
 * Explicit YAML tags. Manifests use the YAML 1.2 core schema only: `!!str`, `!!int`, `!!float`, `!!bool`, `!!null`,
 * `!!map` and `!!seq`. Every other tag (`!!binary`, `!!timestamp`, `!!set`, `!!omap`, `!custom`, `!<verbatim>`)
 * is a problem at the tag, never a value of some other type.
 */
const corePrefix = 'tag:yaml.org,2002:';
type NodeKind = 'scalar' | 'sequence' | 'mapping';
const coreKinds: Readonly<Record<string, NodeKind>> = {
  str: 'scalar',
  int: 'scalar',
  float: 'scalar',
  bool: 'scalar',
  null: 'scalar',
  map: 'mapping',
  seq: 'sequence',
};

/** A node the document tagged explicitly (`node` is null for a tag on an empty value). */
export interface TaggedNode {
  readonly tag: string;
  readonly node: YAMLNode | null;
}

/** The core-schema name of a tag (`str` for `tag:yaml.org,2002:str`), or undefined for any other tag. */
export function coreTagName(tag: string): string | undefined {
  if (!tag.startsWith(corePrefix)) return undefined;
  const name = tag.slice(corePrefix.length);
  return Object.hasOwn(coreKinds, name) ? name : undefined;
}

/** How a tag reads in a file: `!!binary` for the standard ones, the tag itself otherwise. */
export function tagLabel(tag: string): string {
  return tag.startsWith(corePrefix) ? `!!${tag.slice(corePrefix.length)}` : tag.startsWith('!') ? tag : `!<${tag}>`;
}

/**
 * A schema for the parser that knows every tag, so an unknown one never reaches the parser's own constructors
 * (`!!binary` crashed them) or its error path (which is linear in the file per error). Each tag only records the
 * node it is on; the converter decides what the tag means. Nothing is resolved implicitly: the converter types
 * plain scalars itself.
 */
export function recordingSchema(tagged: TaggedNode[]): unknown {
  const types = new Map<string, unknown>();
  const typeOf = (tag: string) => {
    let type = types.get(tag);
    if (!type) {
      type = {
        kind: expectedKind(tag),
        resolve: () => true,
        construct: (node: YAMLNode | null) => {
          tagged.push({ tag, node });
          return node;
        },
      };
      types.set(tag, type);
    }
    return type;
  };
  const typeMap = new Proxy(
    {},
    {
      getOwnPropertyDescriptor: (_target, tag) => ({
        value: typeOf(String(tag)),
        enumerable: true,
        configurable: true,
        writable: false,
      }),
      get: (_target, tag) => typeOf(String(tag)),
    },
  );
  return { compiledImplicit: [], compiledExplicit: [], compiledTypeMap: typeMap };
}

/** The parser requires a node kind per tag; a mismatch is reported by the converter, at the tag. */
function expectedKind(tag: string): NodeKind {
  const core = coreTagName(tag);
  if (core) return coreKinds[core] as NodeKind;
  if (/^tag:yaml\.org,2002:(set)$/.test(tag)) return 'mapping';
  if (/^tag:yaml\.org,2002:(omap|pairs)$/.test(tag)) return 'sequence';
  return 'scalar';
}

/** Whether a node has the kind its core tag needs. */
function fitsKind(tag: string, node: YAMLNode): boolean {
  const core = coreTagName(tag);
  if (!core) return false;
  const want = coreKinds[core];
  return want === 'scalar'
    ? node.kind === Kind.SCALAR
    : want === 'mapping'
      ? node.kind === Kind.MAP
      : node.kind === Kind.SEQ;
}

/** Offset of the tag before a node: the last `!` token before the node's content. */
export function tagOffset(text: string, tag: string, node: YAMLNode | null): number {
  if (!node) {
    const at = text.indexOf(tagLabel(tag));
    return at < 0 ? 0 : at;
  }
  let i = text.lastIndexOf('!', node.startPosition - 1);
  if (i < 0) return node.startPosition;
  while (i > 0 && !/[\s,[\]{}]/.test(text.charAt(i - 1))) i--;
  return i;
}

/** What the document's explicit tags mean: core tags type their node, any other tag is a problem at the tag. */
export class TagReport {
  private readonly byNode = new Map<YAMLNode, string>();

  constructor(
    private readonly text: string,
    private readonly tagged: readonly TaggedNode[],
    private readonly report: (problem: YamlProblem) => void,
  ) {
    for (const t of tagged) if (t.node) this.byNode.set(t.node, t.tag);
  }

  /** Every tag that is foreign or on the wrong kind of node. */
  reportAll(): void {
    for (const t of this.tagged) {
      if (!coreTagName(t.tag)) this.reportForeignTag(t);
      else if (t.node && !fitsKind(t.tag, t.node)) this.reportMisplaced(t.tag, t.node);
    }
  }

  reportForeign(): void {
    for (const t of this.tagged) if (!coreTagName(t.tag)) this.reportForeignTag(t);
  }

  /** The core tag on a node, if any; a core tag on the wrong kind of node is reported and ignored. */
  coreTagOf(node: YAMLNode): string | undefined {
    const tag = this.byNode.get(node);
    if (tag === undefined || !coreTagName(tag)) return undefined;
    if (fitsKind(tag, node)) return coreTagName(tag);
    this.reportMisplaced(tag, node);
    return undefined;
  }

  /** `! 3`: the non-specific tag makes a plain scalar a string; the parser keeps no trace of it, the text does. */
  isNonSpecific(node: YAMLNode): boolean {
    let i = node.startPosition - 1;
    while (i >= 0 && (this.text[i] === ' ' || this.text[i] === '\t')) i--;
    return this.text[i] === '!' && (i === 0 || /[\s,[\]{}]/.test(this.text.charAt(i - 1)));
  }

  mismatch(tag: string, node: YAMLNode, expected: string): void {
    this.report({
      offset: tagOffset(this.text, `tag:yaml.org,2002:${tag}`, node),
      message: `The value tagged \`!!${tag}\` is not ${expected}`,
      kind: 'tag-mismatch',
    });
  }

  /** `!include` is the parser's own extension: the parser keeps no tag for it, only a node kind. */
  include(node: YAMLNode): void {
    this.reportForeignTag({ tag: '!include', node });
  }

  private reportForeignTag(t: TaggedNode): void {
    this.report({
      offset: tagOffset(this.text, t.tag, t.node),
      message: `The tag \`${tagLabel(t.tag)}\` is not part of the YAML core schema that manifests use`,
      kind: 'unsupported-tag',
    });
  }

  private reportMisplaced(tag: string, node: YAMLNode): void {
    const what = node.kind === Kind.MAP ? 'a mapping' : node.kind === Kind.SEQ ? 'a list' : 'a single value';
    this.report({
      offset: tagOffset(this.text, tag, node),
      message: `The tag \`${tagLabel(tag)}\` cannot apply to ${what}`,
      kind: 'tag-mismatch',
    });
  }
}

export type TaggedScalar = { ok: true; value: string | number | boolean | null } | { ok: false; expected: string };

const coreInt = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const coreFloat =
  /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** The value of a scalar under an explicit core tag: `!!str 3` is the string "3", `!!int "3"` the number 3. */
export function taggedScalarValue(name: string, node: YAMLScalar): TaggedScalar {
  const text = node.value ?? '';
  switch (name) {
    case 'str':
      return { ok: true, value: text };
    case 'int':
      return coreInt.test(text)
        ? { ok: true, value: parseYamlInteger(text) }
        : { ok: false, expected: 'a whole number' };
    case 'float':
      return coreFloat.test(text) ? { ok: true, value: parseYamlFloat(text) } : { ok: false, expected: 'a number' };
    case 'bool':
      if (/^(?:true|True|TRUE)$/.test(text)) return { ok: true, value: true };
      if (/^(?:false|False|FALSE)$/.test(text)) return { ok: true, value: false };
      return { ok: false, expected: '`true` or `false`' };
    case 'null':
      return /^(?:null|Null|NULL|~|)$/.test(text)
        ? { ok: true, value: null }
        : { ok: false, expected: 'empty or `null`' };
    default:
      return { ok: false, expected: 'a scalar' };
  }
}

import { entryOf, type DataNode, type ObjectNode, type PathSegment } from '../core/data-node.js';
import { parseYaml } from '../core/yaml-parse.js';
import { renderMapping, renderScalar, renderSequence, type YamlValue } from './yaml-write.js';

/**
 * Edits of a YAML file that keep everything else of it as written — comments, quoting, order, blank lines — by
 * replacing only the text spans the positioned parse tree (core/yaml-parse.ts) points at: a scalar's text, an
 * entry's lines, the end of a block sequence. (The `yaml` package's Document API would do the same, but it is not a
 * dependency of this project, only of its dependencies.) Flow collections (`{ … }`, `[ … ]`) that must grow or
 * shrink are written again in flow style, which loses comments inside them only. Each edit parses the text again:
 * manifests are small, and every edit then sees the offsets the previous one left.
 */
export type YamlEdit =
  | { readonly kind: 'set'; readonly path: readonly PathSegment[]; readonly value: YamlValue }
  | { readonly kind: 'remove'; readonly path: readonly PathSegment[] }
  | { readonly kind: 'append'; readonly key: string; readonly item: YamlValue };

export function editYaml(text: string, edits: readonly YamlEdit[]): string {
  return edits.reduce(applyEdit, text);
}

function applyEdit(text: string, edit: YamlEdit): string {
  const root = parseYaml(text).root;
  if (root?.kind !== 'object') throw new Error('Only a YAML mapping can be edited.');
  if (edit.kind === 'append') return appendItem(text, root, edit.key, edit.item);
  if (edit.kind === 'remove') return removeAt(text, root, edit.path);
  return setAt(text, root, edit.path, edit.value);
}

function setAt(text: string, root: ObjectNode, path: readonly PathSegment[], value: YamlValue): string {
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  if (key === undefined) throw new Error('Cannot set the whole document.');
  const parent = nodeAt(root, parentPath);
  if (parent === undefined) {
    // Build the missing mappings from the deepest one that exists.
    const nested = { [String(key)]: value };
    return setAt(text, root, parentPath, nested);
  }
  if (typeof key === 'number') {
    if (parent.kind !== 'array' || parent.items[key] === undefined) throw new Error(`No item ${key} to set.`);
    return replaceNode(text, parent.items[key] as DataNode, value, itemIndent(text, parent));
  }
  if (parent.kind !== 'object') throw new Error(`Cannot set ${key} inside a ${parent.kind}.`);
  const entry = entryOf(parent, key);
  if (isFlow(text, parent))
    return splice(text, parent, renderFlow({ ...(plainOf(parent) as { [key: string]: YamlValue }), [key]: value }));
  if (entry) return replaceNode(text, entry.value, value, column(text, entry.keySpan.start) + 2);
  const indent = parent.entries[0] ? column(text, parent.entries[0].keySpan.start) : 0;
  return insertLines(text, lineEnd(text, parent.end), renderMapping({ [key]: value }, indent));
}

function removeAt(text: string, root: ObjectNode, path: readonly PathSegment[]): string {
  const parent = nodeAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (parent?.kind !== 'object' || typeof key !== 'string') return text;
  const entry = entryOf(parent, key);
  if (!entry) return text;
  // An emptied mapping would read as null: the entry that holds it goes instead.
  if (parent.entries.length === 1 && path.length > 1 && typeof path[path.length - 2] === 'string')
    return removeAt(text, root, path.slice(0, -1));
  if (isFlow(text, parent)) {
    const rest = Object.fromEntries(Object.entries(plainOf(parent)).filter(([k]) => k !== key));
    return splice(text, parent, renderFlow(rest));
  }
  const start = lineStart(text, entry.keySpan.start);
  return text.slice(0, start) + text.slice(lineEnd(text, entry.value.end));
}

function appendItem(text: string, root: ObjectNode, key: string, item: YamlValue): string {
  const entry = entryOf(root, key);
  if (!entry) {
    const body = text.endsWith('\n') || text === '' ? text : `${text}\n`;
    return `${body}${key}:\n${renderSequence([item], 2).join('\n')}\n`;
  }
  const list = entry.value;
  if (list.kind !== 'array' || isFlow(text, list) || list.items.length === 0) {
    const existing = list.kind === 'array' ? (plainOf(list) as YamlValue[]) : [];
    const indent = column(text, entry.keySpan.start) + 2;
    const lines = renderSequence([...existing, item], indent);
    return `${text.slice(0, list.start).replace(/[ \t]+$/, '')}\n${lines.join('\n')}${text.slice(list.end)}`;
  }
  return insertLines(text, lineEnd(text, list.end), renderSequence([item], itemIndent(text, list)));
}

/** Replaces a value: a scalar in place (a comment after it stays), anything else by its rendering below the key. */
function replaceNode(text: string, node: DataNode, value: YamlValue, indent: number): string {
  if (typeof value !== 'object') return splice(text, node, renderScalar(value));
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object'))
    return splice(text, node, `[${value.map((v) => renderScalar(v as string)).join(', ')}]`);
  const lines = Array.isArray(value)
    ? renderSequence(value, indent)
    : renderMapping(value as { [key: string]: YamlValue }, indent);
  const before = text.slice(0, node.start).replace(/[ \t]+$/, '');
  return `${before}\n${lines.join('\n')}${text.slice(node.end)}`;
}

function nodeAt(root: DataNode, path: readonly PathSegment[]): DataNode | undefined {
  let node: DataNode | undefined = root;
  for (const segment of path) {
    if (node === undefined) return undefined;
    node =
      typeof segment === 'number'
        ? node.kind === 'array'
          ? node.items[segment]
          : undefined
        : entryOf(node, segment)?.value;
  }
  return node;
}

/** The node as plain data (for rewriting a flow collection). */
function plainOf(node: DataNode): YamlValue {
  if (node.kind === 'scalar') return node.value === null ? '' : node.value;
  if (node.kind === 'array') return node.items.map(plainOf);
  return Object.fromEntries(node.entries.map((e) => [e.key, plainOf(e.value)]));
}

function renderFlow(value: { readonly [key: string]: YamlValue }): string {
  const entries = Object.entries(value).map(([k, v]) => `${renderScalar(k)}: ${flowValue(v)}`);
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}

function flowValue(value: YamlValue): string {
  if (typeof value !== 'object') return renderScalar(value);
  if (Array.isArray(value)) return `[${value.map(flowValue).join(', ')}]`;
  return renderFlow(value as { [key: string]: YamlValue });
}

function isFlow(text: string, node: DataNode): boolean {
  return text[node.start] === '{' || text[node.start] === '[';
}

/** Column (0-based) of the `-` of a block sequence's items. */
function itemIndent(text: string, list: DataNode): number {
  const first = list.kind === 'array' ? list.items[0] : undefined;
  if (!first) return 0;
  const start = lineStart(text, first.start);
  return text.slice(start).search(/\S/);
}

function splice(text: string, span: { start: number; end: number }, replacement: string): string {
  return text.slice(0, span.start) + replacement + text.slice(span.end);
}

function insertLines(text: string, at: number, lines: readonly string[]): string {
  const before = text.slice(0, at);
  const glue = before.endsWith('\n') || before === '' ? '' : '\n';
  return `${before}${glue}${lines.join('\n')}\n${text.slice(at)}`;
}

function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just past the end of the line holding `offset` (its newline included). */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', Math.max(offset - 1, 0));
  return newline === -1 ? text.length : newline + 1;
}

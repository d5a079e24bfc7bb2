import { parseJson } from '../core/json-parse.js';
import { fileStart, type Finding } from '../core/findings.js';
import type { DataNode } from '../core/data-node.js';
import { decodeSource, LineIndex, maxFileBytes, type EntryType, type SourceEntry } from '../core/source.js';
import { parseYaml, parseYamlValue, type YamlProblem } from '../core/yaml-parse.js';
import type { RuleId } from '../rules/registry.js';
import { SourceDocument } from './model.js';

export interface ReadResult {
  /** Undefined when the file could not be read or parsed at all. */
  readonly document: SourceDocument | undefined;
  /** The tree of this read, for immediate use; the document rebuilds it later only if asked. */
  readonly root: DataNode | undefined;
  readonly findings: Finding[];
}

export interface YamlReadResult {
  readonly document: SourceDocument | undefined;
  /** The document as plain data (undefined when empty); positions come from `document` when a finding needs them. */
  readonly value: unknown;
  readonly findings: Finding[];
}

/** Turns one tree entry into text, refusing symlinks, oversize files and invalid UTF-8 with findings. */
export function readText(path: string, entry: SourceEntry): { text?: string; findings: Finding[] } {
  if (entry.kind === 'symlink') {
    const message = `${path} is a symbolic link (to ${entry.target}); Mesh Steward never follows links, so replace it with the file itself.`;
    return { findings: [{ ruleId: 'SOURCE_SYMLINK', severity: 'error', message, location: fileStart(path) }] };
  }
  if (entry.kind === 'not-regular') {
    const message = `${path} is ${describeEntryType(entry.type)}, not a regular file, so it is not read; replace it with the file itself.`;
    return { findings: [{ ruleId: 'SOURCE_NOT_REGULAR', severity: 'error', message, location: fileStart(path) }] };
  }
  const size = entry.kind === 'oversize' ? entry.size : byteLength(entry.content);
  if (entry.kind === 'oversize' || size > maxFileBytes) {
    // A provider may stop reading one byte past the limit, so the exact size is known only for `oversize`.
    const howBig = entry.kind === 'oversize' ? `${size} bytes, above` : 'larger than';
    const message = `${path} is ${howBig} the ${maxFileBytes}-byte limit for catalog files; split it or remove generated content.`;
    return { findings: [{ ruleId: 'FILE_TOO_LARGE', severity: 'error', message, location: fileStart(path) }] };
  }
  const decoded = decodeSource(entry.content);
  if (!decoded.ok) {
    const bytes = entry.content as Uint8Array;
    const at = LineIndex.lineOfByte(bytes, decoded.byteOffset);
    const message = `${path} is not valid UTF-8 (byte 0x${(bytes[decoded.byteOffset] ?? 0).toString(16).padStart(2, '0')} at line ${at.line}); save it as UTF-8.`;
    return { findings: [{ ruleId: 'FILE_NOT_UTF8', severity: 'error', message, location: { path, ...at } }] };
  }
  return { text: decoded.text, findings: [] };
}

/** "a folder", "a named pipe (FIFO)"…: what a non-regular entry is, for a message. */
export function describeEntryType(type: EntryType): string {
  const names: Record<EntryType, string> = {
    directory: 'a folder',
    file: 'a file',
    fifo: 'a named pipe (FIFO)',
    socket: 'a socket',
    device: 'a device',
  };
  return names[type];
}

function byteLength(content: string | Uint8Array): number {
  return typeof content === 'string' ? content.length : content.byteLength;
}

const yamlRule: Record<YamlProblem['kind'], RuleId> = {
  syntax: 'YAML_SYNTAX',
  'duplicate-key': 'YAML_DUPLICATE_KEY',
  'too-deep': 'YAML_TOO_DEEP',
  'alias-limit': 'YAML_ALIAS_LIMIT',
  'complex-key': 'YAML_SYNTAX',
  'unsupported-tag': 'YAML_UNSUPPORTED_TAG',
  'tag-mismatch': 'YAML_TAG_MISMATCH',
  warning: 'YAML_SYNTAX',
};

const yamlFix: Record<YamlProblem['kind'], string> = {
  syntax: 'fix the YAML syntax at this point',
  'duplicate-key': 'keep one of the two entries, since YAML readers disagree on which one wins',
  'too-deep': 'manifests need only a few levels; flatten the structure',
  'alias-limit': 'write the values out instead of repeating large aliases',
  'complex-key': 'use a plain string as the key',
  'unsupported-tag': 'remove the tag and write the value as a plain string, number, list or mapping',
  'tag-mismatch': 'remove the tag or write a value of the tagged type',
  warning: 'indent with spaces, not tabs',
};

/**
 * The document of a YAML file already read and judged elsewhere (another thread): its text, with positions parsed on
 * first use. Undefined when the entry holds no readable text.
 */
export function manifestDocument(path: string, entry: SourceEntry | undefined): SourceDocument | undefined {
  const text = entry && readText(path, entry).text;
  return text === undefined ? undefined : yamlDocument(path, text);
}

function yamlDocument(path: string, text: string): SourceDocument {
  return new SourceDocument(path, text, (t) => parseYaml(t).root);
}

/** Reads and parses a YAML file; problems are findings at their exact position. */
export function readYaml(path: string, entry: SourceEntry): YamlReadResult {
  const { text, findings } = readText(path, entry);
  if (text === undefined) return { document: undefined, value: undefined, findings };
  const parsed = parseYamlValue(text);
  const document = yamlDocument(path, text);
  for (const p of parsed.problems) {
    findings.push({
      ruleId: yamlRule[p.kind],
      severity: p.kind === 'warning' ? 'warning' : 'error',
      message: `${p.message} in ${path}; ${yamlFix[p.kind]}.`,
      location: document.lines.location(p.offset),
    });
  }
  // Duplicate keys, complex keys and tags are reported where they are; the rest of the document is still checked.
  const located: readonly YamlProblem['kind'][] = [
    'warning',
    'duplicate-key',
    'complex-key',
    'unsupported-tag',
    'tag-mismatch',
  ];
  const fatal =
    parsed.value === undefined
      ? parsed.problems.some((p) => p.kind !== 'warning')
      : parsed.problems.some((p) => !located.includes(p.kind));
  return fatal ? { document: undefined, value: undefined, findings } : { document, value: parsed.value, findings };
}

/** Reads and parses an .avsc file as strict JSON. */
export function readJson(path: string, entry: SourceEntry): ReadResult {
  const { text, findings } = readText(path, entry);
  if (text === undefined) return { document: undefined, root: undefined, findings };
  const parsed = parseJson(text);
  const document = new SourceDocument(path, text, (t) => parseJson(t).root);
  for (const p of parsed.problems) {
    const duplicate = p.kind === 'duplicate-key';
    findings.push({
      ruleId: duplicate ? 'AVRO_DUPLICATE_KEY' : 'AVRO_SYNTAX',
      severity: 'error',
      message: duplicate
        ? `${p.message} in schema ${path}; JSON readers disagree on which value wins, so keep exactly one.`
        : `${p.message} in schema ${path}; an .avsc file must be strict JSON.`,
      location: document.lines.location(p.offset),
    });
  }
  return parsed.root ? { document, root: parsed.root, findings } : { document: undefined, root: undefined, findings };
}

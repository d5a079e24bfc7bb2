import { describe, expect, it } from 'vitest';
import { describeEntryType, readJson, readText, readYaml } from '../../src/catalog/read-source.js';
import { maxFileBytes, type SourceEntry } from '../../src/core/source.js';

const file = (content: string | Uint8Array): SourceEntry => ({ kind: 'file', content });
const rules = (findings: readonly { ruleId: string }[]) => findings.map((f) => f.ruleId);

describe('readText', () => {
  it('gives the text of a file, dropping a byte order mark', () => {
    expect(readText('a.yaml', file('x: 1\n'))).toEqual({ text: 'x: 1\n', findings: [] });
    expect(readText('a.yaml', file(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])))).toEqual({ text: 'a', findings: [] });
  });

  it('refuses a symlink, naming its target', () => {
    const read = readText('a.avsc', { kind: 'symlink', target: '/etc/passwd' });
    expect(read.text).toBeUndefined();
    expect(read.findings).toEqual([
      {
        ruleId: 'SOURCE_SYMLINK',
        severity: 'error',
        message:
          'a.avsc is a symbolic link (to /etc/passwd); Mesh Steward never follows links, so replace it with the file itself.',
        location: { path: 'a.avsc', line: 1, column: 1 },
      },
    ]);
  });

  it('refuses what is not a regular file, saying what it is', () => {
    const read = readText('p.yaml', { kind: 'not-regular', type: 'fifo' });
    expect(rules(read.findings)).toEqual(['SOURCE_NOT_REGULAR']);
    expect(read.findings[0]?.message).toContain('p.yaml is a named pipe (FIFO), not a regular file');
  });

  it('refuses oversize entries with their size, and content above the limit without one', () => {
    const oversize = readText('p.yaml', { kind: 'oversize', size: 5_000_000 });
    expect(oversize.findings[0]?.message).toBe(
      `p.yaml is 5000000 bytes, above the ${maxFileBytes}-byte limit for catalog files; split it or remove generated content.`,
    );
    const big = readText('p.yaml', file(new Uint8Array(maxFileBytes + 1)));
    expect(rules(big.findings)).toEqual(['FILE_TOO_LARGE']);
    expect(big.findings[0]?.message).toContain('p.yaml is larger than the');
    expect(readText('p.yaml', file(new Uint8Array(maxFileBytes))).findings).toEqual([]);
  });

  it('reports invalid UTF-8 with the bad byte and its line', () => {
    const bytes = Buffer.from('a: 1\nb: caf\xe9\n', 'latin1');
    const read = readText('p.yaml', file(new Uint8Array(bytes)));
    expect(read.text).toBeUndefined();
    expect(read.findings).toEqual([
      {
        ruleId: 'FILE_NOT_UTF8',
        severity: 'error',
        message: 'p.yaml is not valid UTF-8 (byte 0xe9 at line 2); save it as UTF-8.',
        location: { path: 'p.yaml', line: 2, column: 7 },
      },
    ]);
  });
});

describe('describeEntryType', () => {
  it('names each kind of entry', () => {
    expect(describeEntryType('directory')).toBe('a folder');
    expect(describeEntryType('file')).toBe('a file');
    expect(describeEntryType('socket')).toBe('a socket');
    expect(describeEntryType('device')).toBe('a device');
  });
});

describe('readYaml', () => {
  it('gives the value and a document of the file', () => {
    const read = readYaml('p.yaml', file('name: x\nlist: [1, 2]\n'));
    expect(read.value).toEqual({ name: 'x', list: [1, 2] });
    expect(read.document?.path).toBe('p.yaml');
    expect(read.document?.locate(['list', 1])).toEqual({ path: 'p.yaml', line: 2, column: 11 });
    expect(read.findings).toEqual([]);
  });

  it('gives no document for a syntax error, with the finding at its place and the fix', () => {
    const read = readYaml('p.yaml', file('a: 1\nb: [\n'));
    expect(read.document).toBeUndefined();
    expect(read.value).toBeUndefined();
    expect(rules(read.findings)).toEqual(['YAML_SYNTAX']);
    expect(read.findings[0]?.severity).toBe('error');
    expect(read.findings[0]?.message).toMatch(/ in p\.yaml; fix the YAML syntax at this point\.$/);
  });

  it('reports a duplicate key where it is and still gives the document', () => {
    const read = readYaml('p.yaml', file('a: 1\nb: 2\na: 3\n'));
    expect(rules(read.findings)).toEqual(['YAML_DUPLICATE_KEY']);
    expect(read.findings[0]?.location.line).toBe(3);
    expect(read.document).toBeDefined();
    expect(read.value).toMatchObject({ b: 2 });
  });

  it('reports a tab as a warning with its fix and keeps the document', () => {
    const read = readYaml('p.yaml', file('a: 1\t\nb: 2\n'));
    expect(read.findings.map((f) => [f.ruleId, f.severity, f.location.line])).toEqual([['YAML_SYNTAX', 'warning', 1]]);
    expect(read.findings[0]?.message).toMatch(/ in p\.yaml; indent with spaces, not tabs\.$/);
    expect(read.value).toEqual({ a: 1, b: 2 });
    expect(read.document).toBeDefined();
  });

  it('reports tags as errors where they are and still checks the rest', () => {
    const unsupported = readYaml('p.yaml', file('a: !!binary x\n'));
    expect(rules(unsupported.findings)).toEqual(['YAML_UNSUPPORTED_TAG']);
    expect(unsupported.value).toEqual({ a: 'x' });
    const mismatch = readYaml('p.yaml', file('a: !!int x\n'));
    expect(rules(mismatch.findings)).toEqual(['YAML_TAG_MISMATCH']);
    expect(mismatch.findings[0]?.message).toMatch(/remove the tag or write a value of the tagged type\.$/);
    expect(mismatch.document).toBeDefined();
  });

  it('gives no document for a second YAML document in the file', () => {
    const read = readYaml('p.yaml', file('a: 1\n--- \nb: 2\n'));
    expect(read.findings.map((f) => [f.ruleId, f.severity])).toEqual([['YAML_SYNTAX', 'error']]);
    expect(read.document).toBeUndefined();
  });

  it('gives an empty file as a document without value', () => {
    const read = readYaml('p.yaml', file('# nothing\n'));
    expect(read.findings).toEqual([]);
    expect(read.value).toBeUndefined();
    expect(read.document?.text).toBe('# nothing\n');
  });

  it('passes the read findings through without parsing', () => {
    const read = readYaml('p.yaml', { kind: 'symlink', target: 'x' });
    expect(read).toMatchObject({ document: undefined, value: undefined });
    expect(rules(read.findings)).toEqual(['SOURCE_SYMLINK']);
  });
});

describe('readJson', () => {
  it('gives the tree and a document of strict JSON', () => {
    const read = readJson('s.avsc', file('{"type": "string"}'));
    expect(read.findings).toEqual([]);
    expect(read.root?.kind).toBe('object');
    expect(read.document?.text).toBe('{"type": "string"}');
  });

  it('reports a syntax error as AVRO_SYNTAX, with no document', () => {
    const read = readJson('s.avsc', file('{"type": "string",}'));
    expect(rules(read.findings)).toEqual(['AVRO_SYNTAX']);
    expect(read.findings[0]?.message).toMatch(/ in schema s\.avsc; an \.avsc file must be strict JSON\.$/);
    expect(read).toMatchObject({ document: undefined, root: undefined });
  });

  it('reports a duplicate key as AVRO_DUPLICATE_KEY at its line and keeps the tree', () => {
    const read = readJson('s.avsc', file('{\n  "type": "string",\n  "type": "int"\n}'));
    expect(rules(read.findings)).toEqual(['AVRO_DUPLICATE_KEY']);
    expect(read.findings[0]?.location.line).toBe(3);
    expect(read.findings[0]?.message).toContain('JSON readers disagree on which value wins');
    expect(read.root).toBeDefined();
  });

  it('passes the read findings through without parsing', () => {
    expect(rules(readJson('s.avsc', { kind: 'oversize', size: 2 * maxFileBytes }).findings)).toEqual([
      'FILE_TOO_LARGE',
    ]);
  });
});

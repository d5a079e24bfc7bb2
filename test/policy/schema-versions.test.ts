import { describe, expect, it } from 'vitest';
import { compositeAt } from '../../src/catalog/schema-history.js';
import { FilesVersion } from '../../src/policy/schema-versions.js';

const A = 'catalog/p/schemas/a.avsc';
const B = 'catalog/p/schemas/b.avsc';
const C = 'catalog/p/schemas/c.avsc';

const record = (name: string, fields: string) =>
  `{\n  "type": "record",\n  "name": "${name}",\n  "namespace": "n",\n  "fields": [${fields}]\n}\n`;
const a = record('A', '{ "name": "b", "type": "n.B" }');
const b = record('B', '{ "name": "x", "type": "int" }');
const c = record('C', '{ "name": "y", "type": "string" }');
/** A logical type the registry ignores: a warning, not an error. */
const warned = (name: string) =>
  record(name, '{ "name": "d", "type": { "type": "string", "logicalType": "decimal" } }');

/** A version of the files, its closures computed as history snapshots do. */
function version(files: Record<string, string>): FilesVersion {
  const snapshot = { commit: 'c0ffee', files: new Map(Object.entries(files)) };
  return new FilesVersion(snapshot.files, (path) => compositeAt(snapshot, path));
}

describe('FilesVersion.clean and has', () => {
  it('is clean when every file parses, and then holds a subject for each file', () => {
    const v = version({ [A]: a, [B]: b });
    expect(v.clean).toBe(true);
    expect([v.has(A), v.has(B), v.has(C)]).toEqual([true, true, false]);
  });

  it('is not clean with a JSON error, an Avro error or a file that yields no schema', () => {
    expect(version({ [A]: a, [B]: '{ "type": ' }).clean).toBe(false);
    expect(version({ [B]: record('B', '{ "name": "x", "type": "nope" }') }).clean).toBe(false);
    expect(version({ [A]: a }).clean).toBe(false);
  });

  it('stays clean with a duplicate key or a warning', () => {
    expect(version({ [B]: b.replace('"namespace": "n",', '"namespace": "n", "namespace": "n",') }).clean).toBe(true);
    expect(version({ [B]: warned('B') }).clean).toBe(true);
  });

  it('holds, when not clean, only the subjects whose closure parses', () => {
    const v = version({ [A]: a, [B]: b, [C]: '{ "type": ' });
    expect(v.clean).toBe(false);
    expect([v.has(A), v.has(B), v.has(C)]).toEqual([true, true, false]);
    expect(version({ [A]: a }).has(A)).toBe(false);
  });
});

describe('FilesVersion.parsedVersion', () => {
  it('gives a clean version’s subject its type, located in its own files', () => {
    const v = version({ [A]: a, [B]: b });
    const parsed = v.parsedVersion(A);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.type.type === 'record' && parsed.type.name).toBe('n.A');
    expect(parsed.findings).toEqual([]);
    const field = parsed.type.type === 'record' ? parsed.type.fields[0] : undefined;
    expect(field && parsed.locate({ file: A, span: field.nameSpan })).toEqual({ path: A, line: 5, column: 24 });
  });

  it('gives a subject the warnings of its closure only', () => {
    const v = version({ [A]: a, [B]: warned('B'), [C]: warned('C') });
    const forA = v.parsedVersion(A);
    expect(forA.findings.map((f) => [f.ruleId, f.location.path, f.location.line])).toEqual([
      ['AVRO_INVALID_LOGICAL_TYPE', B, 5],
    ]);
    expect(v.parsedVersion(C).findings.map((f) => f.location.path)).toEqual([C]);
  });

  it('gives duplicate keys as warnings of the file that has them', () => {
    const v = version({ [B]: b.replace('"namespace": "n",', '"namespace": "n", "namespace": "n",') });
    const parsed = v.parsedVersion(B);
    expect(parsed.ok).toBe(true);
    expect(parsed.findings.map((f) => [f.ruleId, f.severity, f.location.line])).toEqual([
      ['AVRO_DUPLICATE_KEY', 'warning', 4],
    ]);
  });

  it('parses a subject of an unclean version from its closure, with the label given', () => {
    const v = version({ [A]: a, [B]: b, [C]: '{ "type": ' });
    const parsed = v.parsedVersion(A, 'commit c0ffee');
    expect(parsed.ok).toBe(true);
    const broken = v.parsedVersion(C, 'commit c0ffee');
    expect(broken.ok).toBe(false);
    expect(broken.findings.map((f) => [f.ruleId, f.location.path])).toEqual([['AVRO_SYNTAX', C]]);
  });

  it('says why a file whose closure does not resolve fails', () => {
    const parsed = version({ [A]: a }).parsedVersion(A);
    expect(parsed.ok).toBe(false);
    expect(parsed.findings.map((f) => [f.severity, f.location.path])).toEqual([['error', A]]);
  });
});

describe('FilesVersion.sameSubject', () => {
  it('is true for the same version and for equal files', () => {
    const v = version({ [A]: a, [B]: b });
    expect(v.sameSubject(A, v)).toBe(true);
    expect(v.sameSubject(A, version({ [A]: a, [B]: b }))).toBe(true);
  });

  it('is false when the file itself differs', () => {
    const v = version({ [A]: a, [B]: b });
    const w = version({ [A]: a.replace('"b"', '"bee"'), [B]: b });
    expect(v.sameSubject(A, w)).toBe(false);
    expect(v.sameSubject(B, w)).toBe(true);
  });

  it('is false when a file it references differs, in either direction', () => {
    const v = version({ [A]: a, [B]: b, [C]: c });
    const w = version({ [A]: a, [B]: b.replace('"int"', '"long"'), [C]: c });
    expect(v.sameSubject(A, w)).toBe(false);
    expect(w.sameSubject(A, v)).toBe(false);
    expect(v.sameSubject(C, w)).toBe(true);
  });

  it('is false when the other version lacks a file it references', () => {
    const v = version({ [A]: a, [B]: b, [C]: c });
    const w = version({ [A]: a.replace('"n.B"', '"n.C"'), [C]: c });
    expect(w.sameSubject(A, v)).toBe(false);
    expect(v.sameSubject(C, w)).toBe(true);
  });

  it('compares closures across a rename', () => {
    const moved = 'catalog/p/schemas/a2.avsc';
    const v = version({ [A]: a, [B]: b });
    expect(version({ [moved]: a, [B]: b }).sameSubject(moved, v, A)).toBe(false);
    const renamed = version({ [moved]: a, [B]: b });
    expect(renamed.sameSubject(moved, renamed, moved)).toBe(true);
  });

  it('compares closures when a version is not clean', () => {
    const v = version({ [A]: a, [B]: b, [C]: '{ "type": ' });
    expect(v.sameSubject(A, version({ [A]: a, [B]: b }))).toBe(true);
    expect(v.sameSubject(A, version({ [A]: a, [B]: b.replace('"int"', '"long"') }))).toBe(false);
    expect(v.sameSubject(C, version({ [A]: a, [B]: b, [C]: '{ "type": ' }))).toBe(false);
  });
});

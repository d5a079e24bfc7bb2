import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/core/json-parse.js';
import type { AvroType } from '../../src/schema/avro-model.js';
import { parseAvroFiles } from '../../src/schema/avro-parse.js';
import { explainBreak, type Direction, type ExplainContext } from '../../src/schema/compat-explain.js';
import { nodeOf } from '../../src/schema/compat-graph.js';
import { CompatResolver } from '../../src/schema/compat-resolve.js';
import type { Side, Site } from '../../src/schema/compat-types.js';

const parse = (path: string, schema: unknown): AvroType => {
  const r = parseAvroFiles([{ path, root: parseJson(JSON.stringify(schema)).root! }]);
  return r.schemas.get(path)!;
};
const root = (type: AvroType): Side => ({
  type,
  node: nodeOf(type),
  file: type.file,
  span: type.span,
  parent: undefined,
  step: '',
});
const locate = (site: Site) => ({ path: site.file, line: site.span.start, column: site.span.end });

/** The findings of the candidate against the previous version in one direction. */
function explain(
  candidate: unknown,
  previous: unknown,
  direction: Direction = 'backward',
  previousName = 'the previous schema',
) {
  const c = root(parse('new.avsc', candidate));
  const p = root(parse('old.avsc', previous));
  const [reader, writer] = direction === 'backward' ? [c, p] : [p, c];
  const ctx: ExplainContext = { direction, previousName, locateCandidate: locate, locatePrevious: locate };
  return new CompatResolver().check(reader, writer).breaks.map((b) => explainBreak(b, ctx));
}
const messages = (candidate: unknown, previous: unknown, direction: Direction = 'backward') =>
  explain(candidate, previous, direction).map((f) => f.message);
const rec = (...fields: unknown[]) => ({ type: 'record', name: 'R', namespace: 'com.acme', fields });
const status = (...symbols: string[]) => ({ type: 'enum', name: 'Status', symbols });
const backward =
  'Consumers that read with the new schema cannot decode records written with the previous schema, because';
const forward =
  'Consumers still reading with the previous schema cannot decode records written with the new schema, because';
const newMajor = 'or publish the change on a new major version of the topic.';

describe('explainBreak', () => {
  it('explains a type change, locating both sides', () => {
    const [f] = explain(rec({ name: 'f', type: 'string' }), rec({ name: 'f', type: 'int' }));
    expect(f).toEqual({
      ruleId: 'TYPE_MISMATCH',
      severity: 'error',
      message: `${backward} the type of field \`f\` changes from int to string, and Avro cannot read int as string. Keep int (Avro only promotes int to long, float or double, long to float or double, float to double, and string to bytes or back), ${newMajor}`,
      location: { path: 'new.avsc', line: expect.any(Number), column: expect.any(Number) },
      previousLocation: { path: 'old.avsc', line: expect.any(Number), column: expect.any(Number) },
    });
  });

  it('names the declared union when one branch of it cannot be read', () => {
    expect(messages(rec({ name: 'f', type: 'long' }), rec({ name: 'f', type: ['null', 'long'] }))).toEqual([
      expect.stringContaining('changes from union[null, long] to long, and Avro cannot read null as long.'),
    ]);
  });

  it('names array items and map values by their container', () => {
    expect(
      messages(
        rec({ name: 'l', type: { type: 'array', items: 'int' } }),
        rec({ name: 'l', type: { type: 'array', items: 'long' } }),
      )[0],
    ).toContain('the type of the items of field `l` changes from long to int');
    expect(
      messages(
        rec({ name: 'm', type: { type: 'map', values: 'int' } }),
        rec({ name: 'm', type: { type: 'map', values: 'long' } }),
      )[0],
    ).toContain('the type of the values of field `m` changes');
    expect(messages('int', 'long')[0]).toContain('because the top-level type changes from long to int');
  });

  it('explains a new field without a default, backward, and a dropped one, forward', () => {
    const v1 = rec({ name: 'a', type: 'int' });
    const v2 = rec({ name: 'a', type: 'int' }, { name: 'b', type: 'string' });
    expect(messages(v2, v1)).toEqual([
      `${backward} field \`b\` is not in the previous schema and has no default. Add "default": "" to field \`b\` (if it renames a field, list the old name in its "aliases"), ${newMajor}`,
    ]);
    expect(messages(v1, v2, 'forward')).toEqual([
      `${forward} the new schema drops field \`b\`, which has no default in the previous schema. Keep field \`b\` (mark it deprecated in its doc), ${newMajor}`,
    ]);
  });

  it.each([
    [['null', 'string'], '"default": null'],
    [['int', 'null'], 'a default of type int'],
    ['null', '"default": null'],
    ['boolean', '"default": false'],
    ['double', '"default": 0'],
    ['bytes', '"default": ""'],
    [status('NEW', 'PAID'), '"default": "NEW"'],
    [{ type: 'array', items: 'int' }, '"default": []'],
    [{ type: 'map', values: 'int' }, '"default": {}'],
    [
      { type: 'fixed', name: 'H', size: 2 },
      'a default of type com.acme.H (or make it ["null", com.acme.H] with "default": null)',
    ],
  ])('suggests, for a new field of type %j, %s', (type, suggestion) => {
    expect(
      messages(rec({ name: 'a', type: 'int' }, { name: 'b', type }), rec({ name: 'a', type: 'int' }))[0],
    ).toContain(`Add ${suggestion} to field \`b\``);
  });

  it('explains a union branch lost, backward, and a branch added, forward', () => {
    expect(messages(rec({ name: 'f', type: ['null', 'string'] }), rec({ name: 'f', type: ['null', 'int'] }))).toEqual([
      `${backward} the union of field \`f\` can no longer read int, which the previous schema writes there. Keep int among the branches of the union, ${newMajor}`,
    ]);
    expect(
      messages(
        rec({ name: 'f', type: ['null', 'int', 'string'] }),
        rec({ name: 'f', type: ['null', 'int'] }),
        'forward',
      ),
    ).toEqual([
      `${forward} the union of field \`f\` may now hold string, which union[null, int] in the previous schema cannot read. Write only types the previous union has, ${newMajor}`,
    ]);
  });

  it('explains enum symbols removed, backward, and added, forward', () => {
    expect(messages(rec({ name: 's', type: status('A') }), rec({ name: 's', type: status('A', 'C', 'B') }))).toEqual([
      `${backward} the enum of field \`s\` no longer has the symbols B, C, which the previous schema may have written, and the enum has no "default". Keep the symbols, or give the enum a "default" symbol that unknown symbols are read as.`,
    ]);
    expect(messages(status('A', 'B'), status('A'), 'forward')).toEqual([
      `${forward} the top-level enum adds the symbols B, and the enum in the previous schema has no "default" to read them as. First release a "default" for the enum to every consumer and only then add symbols, ${newMajor}`,
    ]);
  });

  it('explains a rename, with a fix for each direction', () => {
    const hash = (name: string) => ({ type: 'fixed', name, namespace: 'com.acme', size: 16 });
    expect(messages(hash('Digest'), hash('Hash'))).toEqual([
      `${backward} the top-level type is renamed from com.acme.Hash to com.acme.Digest, and Avro matches named types by name. Keep the name, or add "aliases": ["com.acme.Hash"] to the renamed type.`,
    ]);
    expect(messages(hash('Digest'), hash('Hash'), 'forward')[0]).toMatch(
      /Keep the name com\.acme\.Hash: consumers of the previous schema cannot learn the new one; or publish/,
    );
  });

  it('explains a fixed size change and an ambiguous field', () => {
    const h = (size: number) => rec({ name: 'h', type: { type: 'fixed', name: 'H', size } });
    expect(messages(h(32), h(16))).toEqual([
      `${backward} the type of field \`h\` changes size from 16 to 32 bytes. Keep 16 bytes, or add a new field of the new size and deprecate this one.`,
    ]);
    const ambiguous = messages(
      rec({ name: 'a', type: 'int', aliases: ['b'] }),
      rec({ name: 'a', type: 'int' }, { name: 'b', type: 'int' }),
    );
    expect(ambiguous).toEqual([
      `${backward} field \`a\` matches several writer fields by its name and aliases, and Avro refuses to choose. Remove the alias of field \`a\` that names another field.`,
    ]);
  });

  it('states a logical type change as a warning, without blaming consumers', () => {
    const t = (logicalType: string) => rec({ name: 't', type: { type: 'long', logicalType } });
    const [f] = explain(t('timestamp-micros'), t('timestamp-millis'));
    expect(f?.severity).toBe('warning');
    expect(f?.message).toBe(
      "The type of field `t` changes its logical type from timestamp-millis to timestamp-micros; Avro still decodes the underlying type, so values are silently misread (a decimal's scale, a timestamp's unit). Keep timestamp-millis, or add a new field with the new logical type and deprecate this one.",
    );
  });

  it('uses the name it is given for the previous version', () => {
    const [f] = explain('int', 'long', 'backward', 'the schema at commit abc1234');
    expect(f?.message).toMatch(
      /^Consumers that read with the new schema cannot decode records written with the schema at commit abc1234, because/,
    );
  });

  it('says where resolution stopped, shortening a hostile path to its end', () => {
    const span = { start: 0, end: 1 };
    const nested = (leaf: 'int' | 'long', file: string) => {
      let t: AvroType = { type: leaf, file, span, props: {} };
      for (let i = 0; i < 600; i++) t = { type: 'array', items: t, itemsSpan: span, file, span, props: {} };
      return t;
    };
    const ctx: ExplainContext = {
      direction: 'backward',
      previousName: 'the previous schema',
      locateCandidate: locate,
      locatePrevious: locate,
    };
    const [b] = new CompatResolver().check(root(nested('int', 'new.avsc')), root(nested('long', 'old.avsc'))).breaks;
    const f = explainBreak(b!, ctx);
    // The path is 1000 characters: its last 159 are kept, then the final [] names the container.
    expect([f.ruleId, f.severity]).toEqual(['RESOLUTION_TOO_DEEP', 'error']);
    expect(f.message).toBe(
      `Steward cannot judge this change: the type of the items of field \`…]${'[]'.repeat(78)}\` lies more than 500 types deep, where resolution stops rather than overflow the stack (the registry's own check recurses as deeply). Flatten the nesting: chain fewer named types through one another, or split the schema.`,
    );
  });
});

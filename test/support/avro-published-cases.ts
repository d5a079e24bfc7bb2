/**
 * Reader/writer pairs from Apache Avro's own Java test suite (TestSchemas, TestSchemaCompatibility and the
 * TestSchemaCompatibility* classes, one per incompatibility type), re-expressed here as JSON data with the
 * verdict Avro publishes for each.
 */
export interface PublishedCase {
  readonly name: string;
  readonly reader: string;
  readonly writer: string;
  readonly expected: 'COMPATIBLE' | 'INCOMPATIBLE';
}

type S = unknown;
const rec = (name: string, fields: S[], extra: Record<string, S> = {}): S => ({ type: 'record', name, fields, ...extra });
const f = (name: string, type: S, extra: Record<string, S> = {}): S => ({ name, type, ...extra });
const fd = (name: string, type: S, def: S): S => ({ name, type, default: def });
const en = (name: string, symbols: string[], extra: Record<string, S> = {}): S => ({ type: 'enum', name, symbols, ...extra });
const fixed = (name: string, size: number, extra: Record<string, S> = {}): S => ({ type: 'fixed', name, size, ...extra });
const arr = (items: S): S => ({ type: 'array', items });
const map = (values: S): S => ({ type: 'map', values });

const s = {
  null: 'null', boolean: 'boolean', int: 'int', long: 'long', float: 'float', double: 'double', string: 'string', bytes: 'bytes',
  intArray: arr('int'), longArray: arr('long'), stringArray: arr('string'),
  intMap: map('int'), longMap: map('long'), stringMap: map('string'),
  enum1AB: en('Enum1', ['A', 'B']), enum1ABC: en('Enum1', ['A', 'B', 'C']), enum1BC: en('Enum1', ['B', 'C']), enum2AB: en('Enum2', ['A', 'B']),
  enum1ABDefault: en('Enum1', ['A', 'B'], { default: 'A' }),
  enum1ABns1: en('Enum1', ['A', 'B'], { namespace: 'namespace1' }), enum1ABns2: en('Enum1', ['A', 'B'], { namespace: 'namespace2' }),
  emptyUnion: [], nullUnion: ['null'], intUnion: ['int'], longUnion: ['long'], floatUnion: ['float'], doubleUnion: ['double'],
  stringUnion: ['string'], bytesUnion: ['bytes'], intString: ['int', 'string'], stringInt: ['string', 'int'], intFloat: ['int', 'float'],
  intLong: ['int', 'long'], intLongFloatDouble: ['int', 'long', 'float', 'double'],
  nullIntArray: ['null', arr('int')], nullIntMap: ['null', map('int')],
  emptyRecord1: rec('Record1', []), emptyRecord2: rec('Record2', []),
  aInt: rec('Record1', [f('a', 'int')]), aLong: rec('Record1', [f('a', 'long')]),
  aIntBInt: rec('Record1', [f('a', 'int'), f('b', 'int')]), aDint: rec('Record1', [fd('a', 'int', 0)]),
  aIntBDint: rec('Record1', [f('a', 'int'), fd('b', 'int', 0)]), aDintBDint: rec('Record1', [fd('a', 'int', 0), fd('b', 'int', 0)]),
  aDintBFixed4: rec('Record1', [fd('a', 'int', 0), f('b', fixed('Fixed', 4))]), aDintBFixed8: rec('Record1', [fd('a', 'int', 0), f('b', fixed('Fixed', 8))]),
  aDintBIntString: rec('Record1', [fd('a', 'int', 0), fd('b', ['int', 'string'], 0)]), aDintBIntUnion: rec('Record1', [fd('a', 'int', 0), fd('b', ['int'], 0)]),
  aDintBEnum1: rec('Record1', [fd('a', 'int', 0), f('b', en('Enum1', ['A', 'B']))]), aDintBEnum2: rec('Record1', [fd('a', 'int', 0), f('b', en('Enum2', ['A', 'B']))]),
  fixed4: fixed('Fixed', 4), fixed8: fixed('Fixed', 8),
  intList: rec('List', [f('head', 'int'), f('tail', 'List')]), longList: rec('List', [f('head', 'long'), f('tail', 'List')]),
  nsRecord1: rec('Record1', [f('f1', ['null', arr(rec('InnerRecord1', [f('a', 'int')], { namespace: 'ns1' }))])]),
  nsRecord2: rec('Record1', [f('f1', ['null', arr(rec('InnerRecord1', [f('a', 'int')], { namespace: 'ns2' }))])]),
  withNs: rec('ns.Record', [f('f1', 'int')]), withoutNs: rec('Record', [f('f1', 'int')]),
  enumAbcDefaultARecord: rec('Record', [f('Field', en('Schema', ['A', 'B', 'C'], { default: 'A' }))]),
  enumAbDefaultARecord: rec('Record', [f('Field', en('Schema', ['A', 'B'], { default: 'A' }))]),
  enumAbcFieldDefaultB: rec('Record', [fd('Field', en('Schema', ['A', 'B', 'C'], { default: 'A' }), 'B')]),
  enumAbFieldDefaultA: rec('Record', [fd('Field', en('Schema', ['A', 'B'], { default: 'B' }), 'A')]),
};
type Name = keyof typeof s;

const compatiblePairs: [Name, Name][] = [
  ['boolean', 'boolean'], ['int', 'int'], ['long', 'int'], ['long', 'long'], ['float', 'int'], ['float', 'long'], ['double', 'long'],
  ['double', 'int'], ['double', 'float'], ['string', 'string'], ['bytes', 'bytes'], ['intArray', 'intArray'], ['longArray', 'intArray'],
  ['intMap', 'intMap'], ['longMap', 'intMap'], ['enum1AB', 'enum1AB'], ['enum1ABC', 'enum1AB'], ['string', 'bytes'], ['bytes', 'string'],
  ['emptyUnion', 'emptyUnion'], ['floatUnion', 'emptyUnion'], ['intUnion', 'intUnion'], ['intString', 'stringInt'], ['intUnion', 'emptyUnion'],
  ['longUnion', 'emptyUnion'], ['longUnion', 'intUnion'], ['doubleUnion', 'intUnion'], ['doubleUnion', 'longUnion'], ['doubleUnion', 'floatUnion'],
  ['doubleUnion', 'intFloat'], ['stringUnion', 'emptyUnion'], ['stringUnion', 'bytesUnion'], ['bytesUnion', 'emptyUnion'], ['bytesUnion', 'stringUnion'],
  ['float', 'intFloat'], ['long', 'intLong'], ['double', 'intFloat'], ['double', 'intLongFloatDouble'], ['float', 'floatUnion'], ['intUnion', 'int'],
  ['int', 'intUnion'], ['fixed4', 'fixed4'], ['emptyRecord1', 'emptyRecord1'], ['emptyRecord1', 'aInt'], ['aInt', 'aInt'], ['aDint', 'aInt'],
  ['aDint', 'aDint'], ['aInt', 'aDint'], ['aLong', 'aInt'], ['aInt', 'aIntBInt'], ['aDint', 'aIntBInt'], ['aIntBDint', 'aInt'], ['aDintBDint', 'emptyRecord1'],
  ['aDintBDint', 'aInt'], ['aIntBInt', 'aDintBDint'], ['intList', 'intList'], ['longList', 'longList'], ['longList', 'intList'], ['null', 'null'],
  ['enum1ABDefault', 'enum1ABC'], ['enumAbDefaultARecord', 'enumAbcDefaultARecord'], ['enumAbFieldDefaultA', 'enumAbcFieldDefaultB'],
  ['enum1ABns1', 'enum1ABns2'], ['nsRecord1', 'nsRecord2'], ['withNs', 'withoutNs'], ['withoutNs', 'withNs'], ['nullIntArray', 'intArray'], ['nullIntMap', 'intMap'],
];

const incompatiblePairs: [Name, Name][] = [
  ['int', 'string'], ['intArray', 'longArray'], ['intMap', 'longMap'], ['stringMap', 'stringArray'], ['stringArray', 'stringMap'], ['int', 'long'],
  ['long', 'float'], ['int', 'float'], ['float', 'double'], ['long', 'double'], ['int', 'double'], ['boolean', 'int'], ['int', 'boolean'], ['int', 'null'],
  ['null', 'int'], ['enum1AB', 'enum1ABC'], ['enum1BC', 'enum1ABC'], ['enum1AB', 'enum2AB'], ['int', 'enum2AB'], ['enum2AB', 'int'],
  ['intUnion', 'intString'], ['stringUnion', 'intString'], ['fixed4', 'fixed8'], ['fixed8', 'fixed4'],
  ['aDintBFixed8', 'aDintBFixed4'], ['aDintBFixed4', 'aDintBFixed8'],
  ['aDintBIntUnion', 'aDintBIntString'], ['aDintBEnum1', 'aDintBEnum2'], ['emptyRecord2', 'emptyRecord1'], ['aInt', 'emptyRecord1'], ['aIntBDint', 'emptyRecord1'],
  ['intList', 'longList'], ['nullUnion', 'intUnion'], ['intUnion', 'nullUnion'], ['nullIntArray', 'intMap'], ['nullIntMap', 'intArray'],
  ['int', 'intLong'], ['intUnion', 'longUnion'], ['longUnion', 'floatUnion'], ['int', 'stringUnion'], ['emptyUnion', 'intUnion'], ['int', 'intFloat'],
  ['aDint', 'aLong'], ['enum1AB', 'enum1BC'],
];

/** Every published case as text, named after Avro's constants. */
export const avroPublishedCases: readonly PublishedCase[] = [
  ...compatiblePairs.map(([r, w]) => ({ name: `${r} reads ${w}`, reader: JSON.stringify(s[r]), writer: JSON.stringify(s[w]), expected: 'COMPATIBLE' as const })),
  ...incompatiblePairs.map(([r, w]) => ({ name: `${r} cannot read ${w}`, reader: JSON.stringify(s[r]), writer: JSON.stringify(s[w]), expected: 'INCOMPATIBLE' as const })),
];

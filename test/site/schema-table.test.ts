import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/core/json-parse.js';
import { parseAvroFiles } from '../../src/schema/avro-parse.js';
import { renderSchemaTable } from '../../src/site/schema-table.js';
import { squash } from './site-files.js';

function table(schema: object): string {
  const text = JSON.stringify(schema);
  const parsed = parseAvroFiles([{ path: 'value.avsc', root: parseJson(text).root!, text }]);
  const type = parsed.schemas.get('value.avsc');
  if (!type || parsed.problems.length > 0) throw new Error('schema did not parse');
  return squash(renderSchemaTable(type, 'port-p-value').text);
}

/** The cells of the row of field `name` (the first such row), tags stripped. */
function row(text: string, name: string): string[] {
  const tr = new RegExp(`<tr[^>]*><td><code>${name}</code></td>(.*?)</tr>`).exec(text)?.[1] ?? '';
  return [...tr.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => (m[1] as string).replace(/<[^>]+>/g, ''));
}

const money = {
  type: 'record',
  name: 'Money',
  doc: 'An amount.',
  fields: [
    { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 } },
    { name: 'currency', type: 'string' },
  ],
};

describe('renderSchemaTable', () => {
  it('renders unions, logical types, arrays, maps and defaults readably', () => {
    const text = table({
      type: 'record',
      name: 'Order',
      namespace: 'com.acme',
      fields: [
        { name: 'placedAt', type: { type: 'long', logicalType: 'timestamp-millis' }, doc: 'When.' },
        { name: 'day', type: ['null', { type: 'int', logicalType: 'date' }], default: null },
        { name: 'codes', type: { type: 'array', items: 'string' }, default: [] },
        { name: 'attrs', type: { type: 'map', values: 'long' }, default: {} },
        { name: 'email', type: 'string', pii: true, sensitivity: 'high' },
      ],
    });
    expect(row(text, 'placedAt')).toEqual(['long (timestamp-millis)', '—', 'When.', '']);
    expect(row(text, 'day')).toEqual(['null | int (date)', 'null', '', '']);
    expect(row(text, 'codes')).toEqual(['array&lt;string&gt;', '[]', '', '']);
    expect(row(text, 'attrs')).toEqual(['map&lt;string, long&gt;', '{}', '', '']);
    expect(row(text, 'email')).toEqual(['string', '—', '', 'piisensitivity: &quot;high&quot;']);
    expect(text).toContain('<span class="tag pii">pii</span>');
  });

  it('expands a nested record in <details> where first used and links later uses to it', () => {
    const text = table({
      type: 'record',
      name: 'Order',
      namespace: 'com.acme',
      fields: [
        { name: 'price', type: money },
        { name: 'discount', type: ['null', 'Money'], default: null },
        {
          name: 'lines',
          type: { type: 'array', items: { type: 'record', name: 'Line', fields: [{ name: 'tax', type: 'Money' }] } },
        },
      ],
    });
    expect(row(text, 'price')).toEqual(['Money', '—', '', '']);
    expect(row(text, 'discount')).toEqual(['null | Money', 'null', '', '']);
    expect(row(text, 'lines')).toEqual(['array&lt;Line&gt;', '—', '', '']);
    expect(text.match(/<details id="port-p-value-com\.acme\.Money">/g)).toHaveLength(1);
    expect(text).toContain('<details id="port-p-value-com.acme.Line">');
    expect(row(text, 'amount')).toEqual(['bytes (decimal 12,2)', '—', '', '']);
    expect(row(text, 'tax')).toEqual(['Money', '—', '', '']);
    expect(text.match(/href="#port-p-value-com\.acme\.Money"/g)).toHaveLength(3);
  });

  it('stops at a recursive record and lists enum symbols', () => {
    const text = table({
      type: 'record',
      name: 'Node',
      fields: [
        { name: 'children', type: { type: 'array', items: 'Node' } },
        { name: 'colour', type: { type: 'enum', name: 'Colour', symbols: ['RED', 'GREEN'], default: 'RED' } },
      ],
    });
    expect(row(text, 'children')).toEqual(['array&lt;Node&gt;', '—', '', '']);
    expect(text).toContain('<div id="port-p-value-Node">');
    expect(text).not.toContain('<details id="port-p-value-Node"');
    expect(text).toContain('Symbols: <code>RED</code><code>GREEN</code> (default <code>RED</code>)');
  });
});

describe('renderSchemaTable on hostile shapes', () => {
  it('summarises records nested deeper than it draws, and stays linear when every type is used twice', () => {
    // R0 → R1 → … → R29, each record holding two fields of the next: drawn naively, 2^30 rows.
    let type: object = { type: 'record', name: 'R29', fields: [{ name: 'leaf', type: 'string' }] };
    for (let i = 28; i >= 0; i--)
      type = {
        type: 'record',
        name: `R${i}`,
        fields: [
          { name: 'left', type },
          { name: 'right', type: `R${i + 1}` },
        ],
      };
    const text = table(type);
    expect(text.length).toBeLessThan(50_000);
    expect(text).toContain('Nested more than 12 levels deep; see the schema file for the rest.');
    expect(text.match(/<details id="port-p-value-R1">/g)).toHaveLength(1);
    expect(text).not.toContain('R20');
  });
});

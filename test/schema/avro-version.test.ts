import { describe, expect, it } from 'vitest';
import { nodeOf } from '../../src/schema/compat-graph.js';
import { parseSchemaVersion } from '../../src/schema/avro-version.js';

const path = 'catalog/commerce/orders/order.avsc';
const tuples = (text: string) =>
  parseSchemaVersion({ path, text }).findings.map((f) => [f.ruleId, f.severity, f.location.line]);

describe('parseSchemaVersion (steward compat)', () => {
  it('reports a file that is not strict JSON as AVRO_SYNTAX, the id the catalog reports it under', () => {
    expect(tuples('{\n  "type": "string",\n}')).toEqual([['AVRO_SYNTAX', 'error', 3]]);
  });

  it('reports a repeated key as AVRO_DUPLICATE_KEY, a warning that leaves the schema usable', () => {
    const parsed = parseSchemaVersion({ path, text: '{\n  "type": "int",\n  "type": "string"\n}' });
    expect(parsed.ok).toBe(true);
    expect(parsed.findings.map((f) => [f.ruleId, f.severity, f.location.line])).toEqual([
      ['AVRO_DUPLICATE_KEY', 'warning', 3],
    ]);
  });

  it('keeps the resolution nodes of its types with the version, built once, outside the shared cache', () => {
    const parsed = parseSchemaVersion({ path, text: '{"type": "array", "items": "long"}' });
    if (!parsed.ok) throw new Error('the schema must parse');
    const node = parsed.node?.();
    expect(node?.kind).toBe('array');
    expect(parsed.node?.()).toBe(node);
    expect(nodeOf(parsed.type)).not.toBe(node);
  });
});

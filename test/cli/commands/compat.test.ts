import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/program.js';

const cwd = fileURLToPath(new URL('../../fixtures/compat/', import.meta.url));

async function steward(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { cwd, env: {}, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('steward compat', () => {
  it('exits 1 and prints one line per finding with both locations', async () => {
    const { code, out } = await steward('compat', '--level', 'BACKWARD', 'orders/v2-breaking.avsc', 'orders/v1.avsc');
    expect(code).toBe(1);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^orders\/v2-breaking\.avsc:7:33: error TYPE_MISMATCH Consumers that read with the new schema .* \(previously orders\/v1\.avsc:7:33\)$/,
    );
    expect(lines).toHaveLength(8);
    expect(lines[7]).toBe('incompatible (BACKWARD)');
  });

  it('exits 0 with JSON output when compatible', async () => {
    const { code, out } = await steward(
      'compat',
      '--level',
      'backward_transitive',
      '--format',
      'json',
      'orders/v2-compatible.avsc',
      'orders/v1.avsc',
    );
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ compatible: true, level: 'BACKWARD_TRANSITIVE', findings: [] });
  });

  it('prints JSON findings with location and previousLocation', async () => {
    const { code, out } = await steward(
      'compat',
      '-l',
      'FORWARD',
      '-f',
      'json',
      'orders/v2-compatible.avsc',
      'orders/v1.avsc',
    );
    expect(code).toBe(1);
    const json = JSON.parse(out) as { compatible: boolean; findings: unknown[] };
    expect(json.compatible).toBe(false);
    expect(json.findings[0]).toEqual({
      ruleId: 'TYPE_MISMATCH',
      severity: 'error',
      message: expect.stringContaining('Consumers still reading with the previous schema') as unknown,
      location: { path: 'orders/v2-compatible.avsc', line: 7, column: 33 },
      previousLocation: { path: 'orders/v1.avsc', line: 7, column: 33 },
    });
  });

  it('resolves named types from --reference files', async () => {
    const { code, out } = await steward(
      'compat',
      '-l',
      'FULL',
      '-r',
      'refs/address.avsc',
      'refs/customer-v1.avsc',
      'refs/customer-v1.avsc',
    );
    expect(out).toBe('compatible (FULL)\n');
    expect(code).toBe(0);
  });

  it('exits 2 with the parser findings for an invalid schema', async () => {
    const { code, out } = await steward('compat', '--level', 'FULL', 'orders/invalid.avsc', 'orders/v1.avsc');
    expect(code).toBe(2);
    expect(out).toContain('orders/invalid.avsc:5:29: error AVRO_UNKNOWN_TYPE');
  });

  it('exits 2 on an unknown level, format or file', async () => {
    expect((await steward('compat', '--level', 'SIDEWAYS', 'orders/v1.avsc')).code).toBe(2);
    expect((await steward('compat', '--level', 'FULL', '--format', 'xml', 'orders/v1.avsc')).code).toBe(2);
    const missing = await steward('compat', '--level', 'FULL', 'orders/nope.avsc');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('Cannot read orders/nope.avsc');
  });
});

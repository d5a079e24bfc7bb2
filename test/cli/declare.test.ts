import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { steward } from '../helpers/cli.js';

// Issue 13, point 1: the flags and help every command declares (src/cli/declare.ts, help.ts, version.ts).
const root = join(import.meta.dirname, '..', '..');
describe('flags every command shares', () => {
  it('refuses impossible --today dates in validate and check', async () => {
    const validate = await steward(['validate', root, '--today', '2026-13-45']);
    expect(validate).toEqual({
      code: 2,
      out: '',
      err: 'steward: --today "2026-13-45" has month 13, and months run from 01 to 12; give a real date as YYYY-MM-DD.\n',
    });
    const check = await steward(['check', '--base', 'HEAD', '--today', '2026-02-30'], root);
    expect(check.code).toBe(2);
    expect(check.err).toContain('--today "2026-02-30" has day 30, and 2026-02 has 28 days');
  });

  it('prints the version, and leaves audit --version to audit', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(await steward(['--version'])).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
    const audit = await steward(['audit', '--schema', 'no.such.subject-value', '--version', '3'], root);
    expect(audit.code).toBe(1);
    expect(audit.err).toContain('No audit record registered no.such.subject-value version 3');
  });

  it.each(['validate', 'compat', 'check', 'audit', 'plan', 'apply', 'drift'])(
    '%s --help lists its exit codes and one example',
    async (command) => {
      const { code, out } = await steward([command, '--help']);
      expect(code).toBe(0);
      expect(out).toMatch(/\nExit codes:\n {2}0 {2}\S.*\n {2}1 {2}\S.*\n {2}2 {2}\S/);
      expect(out).toMatch(new RegExp(`\\nExample:\\n {2}\\$ steward ${command} \\S`));
    },
  );
});

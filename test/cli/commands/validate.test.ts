import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoWithCase } from '../../helpers/fixtures.js';
import { steward } from '../../helpers/cli.js';

describe('steward validate', () => {
  it('exits 0 and says so on a valid repository', async () => {
    const result = await steward(['validate', repoWithCase()]);
    expect(result).toEqual({ code: 0, out: 'No problems found.\n', err: '' });
  });

  it('defaults to the repository around the working directory', async () => {
    const dir = repoWithCase('schema-missing');
    mkdirSync(join(dir, '.git'));
    const result = await steward(['validate'], join(dir, 'catalog', 'commerce'));
    expect(result.code).toBe(1);
    expect(result.out).toContain('SCHEMA_FILE_MISSING');
  });

  it('exits 1 on error findings and prints file:line:column', async () => {
    const result = await steward(['validate', repoWithCase('schema-missing')]);
    expect(result.code).toBe(1);
    expect(result.out.split('\n')[0]).toMatch(
      /^catalog\/commerce\/orders\/product\.yaml:21:15: error SCHEMA_FILE_MISSING /,
    );
  });

  it('exits 0 when there are only warnings', async () => {
    expect((await steward(['validate', repoWithCase('unused-schema')])).code).toBe(0);
  });

  it('prints the documented JSON shape', async () => {
    const result = await steward(['validate', '--format', 'json', repoWithCase('input-port-missing-port')]);
    expect(JSON.parse(result.out)).toEqual({
      findings: [
        {
          ruleId: 'INPUT_PORT_UNRESOLVED',
          severity: 'error',
          message:
            'Input port orders of logistics/shipments reads port orders-v2 of commerce/orders, which has no such port; did you mean orders-v1?',
          location: { path: 'catalog/logistics/shipments/product.yaml', line: 18, column: 11 },
        },
      ],
    });
  });

  it('prints GitHub workflow commands with escaped properties', async () => {
    const result = await steward(['validate', '--format', 'github', repoWithCase('yaml-duplicate-key')]);
    expect(result.out.split('\n')[0]).toBe(
      '::error file=catalog/commerce/orders/product.yaml,line=6,col=1,title=YAML_DUPLICATE_KEY::Key "status" appears a second time in this mapping in catalog/commerce/orders/product.yaml; keep one of the two entries, since YAML readers disagree on which one wins.',
    );
  });

  it('exits 2 on a usage error', async () => {
    const result = await steward(['validate', '--format', 'xml', repoWithCase()]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('Unknown format "xml"');
  });

  it('exits 2 when the directory does not exist', async () => {
    const result = await steward(['validate', '/nonexistent/steward-repo']);
    expect(result).toMatchObject({ code: 2, err: 'steward: /nonexistent/steward-repo is not a directory.\n' });
  });

  it('exits 2 on an unknown command', async () => {
    expect((await steward(['frobnicate'])).code).toBe(2);
  });
});

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { steward } from '../../helpers/cli.js';
import { repoWithCase } from '../../helpers/fixtures.js';

const SCHEMA = 'catalog/commerce/orders/schemas/order.avsc';
const PRODUCT = 'catalog/commerce/orders/product.yaml';

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
}

function repo(): string {
  const dir = repoWithCase();
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  return dir;
}

function editSchema(dir: string, field: object): void {
  const path = join(dir, SCHEMA);
  const schema = JSON.parse(readFileSync(path, 'utf8')) as { fields: object[] };
  schema.fields.push(field);
  writeFileSync(path, JSON.stringify(schema, null, 2));
}

describe('steward check', () => {
  it('judges the working tree against the base and exits 1 on a breaking change', async () => {
    const dir = repo();
    editSchema(dir, { name: 'channel', type: 'string', doc: 'Channel.' });
    const result = await steward(['check', '--base', 'main', '--today', '2026-11-22'], dir);
    expect(result.code).toBe(1);
    expect(result.out).toContain('READER_FIELD_MISSING_DEFAULT_VALUE');
    expect(result.out).toContain('consumer:logistics/shipments: 1 of @acme/shipping');
  });

  it('prints the documented JSON shape for a committed head', async () => {
    const dir = repo();
    editSchema(dir, { name: 'channel', type: 'string', default: 'web', doc: 'Channel.' });
    git(dir, 'commit', '-q', '-am', 'add channel');
    const result = await steward(['check', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['findings', 'changes', 'impact', 'approvals']));
    expect(report['findings']).toEqual([]);
    expect(report['approvals']).toEqual([
      {
        requirement: 'owner:commerce/orders',
        reason: 'changes to commerce/orders',
        parties: ['@acme/orders'],
        count: 1,
      },
    ]);
    expect((report['changes'] as { kind: string; location: object }[])[0]).toMatchObject({
      kind: 'schema-changed',
      location: { path: PRODUCT, line: 21 },
    });
  });

  it('checks every earlier version from git history under a transitive level', async () => {
    const dir = repo();
    writeFileSync(
      join(dir, PRODUCT),
      readFileSync(join(dir, PRODUCT), 'utf8').replace('compatibility: BACKWARD', 'compatibility: BACKWARD_TRANSITIVE'),
    );
    git(dir, 'commit', '-q', '-am', 'transitive');
    editSchema(dir, { name: 'note', type: 'string', default: '', doc: 'Note.' });
    git(dir, 'commit', '-q', '-am', 'add note with default');
    const v2 = readFileSync(join(dir, SCHEMA), 'utf8');
    writeFileSync(join(dir, SCHEMA), v2.replace(',\n      "default": ""', ''));
    const result = await steward(['check', '--base', 'HEAD', '--format', 'json'], dir);
    const findings = (JSON.parse(result.out) as { findings: { ruleId: string; message: string }[] }).findings;
    expect(findings.map((f) => f.ruleId)).toEqual([
      'BREAKING_CHANGE_NEEDS_MAJOR',
      'READER_FIELD_MISSING_DEFAULT_VALUE',
    ]);
    // The break is against the first version, which the latest one (with the default) hides.
    const base = git(dir, 'rev-list', '--max-parents=0', 'HEAD').trim().slice(0, 7);
    expect(findings[1]?.message).toContain(`commit ${base}`);
  });

  it('passes a change with no catalog effect', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'README.md'), 'hello\n');
    expect(await steward(['check', '--base', 'main'], dir)).toMatchObject({ code: 0 });
  });

  it('exits 2 when the base is not a commit', async () => {
    const result = await steward(['check', '--base', 'no-such-branch'], repo());
    expect(result.code).toBe(2);
    expect(result.err).toContain('"no-such-branch" is not a commit');
  });
});

import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { readDirectorySource } from '../../src/cli/fs-source.js';
import type { SourceEntry } from '../../src/core/source.js';
import { repoWithCase } from '../helpers/fixtures.js';

const P = 'catalog/commerce/orders/product.yaml';
const S = 'catalog/commerce/orders/schemas/order.avsc';

async function findingsOf(dir: string) {
  return loadCatalog(await readDirectorySource(dir)).findings.map((f) => [f.ruleId, f.location.path, f.location.line]);
}

describe('hostile and broken files give findings, never crashes or hangs', () => {
  it('refuses a 10 MB file without reading it', async () => {
    const dir = repoWithCase();
    writeFileSync(join(dir, P), `description: ${'x'.repeat(10 * 1024 * 1024)}\n`);
    expect(await findingsOf(dir)).toEqual([['FILE_TOO_LARGE', P, 1]]);
  });

  it('refuses YAML nested far too deeply', async () => {
    const dir = repoWithCase();
    writeFileSync(join(dir, P), `a: ${'['.repeat(50_000)}`);
    expect(await findingsOf(dir)).toEqual([['YAML_TOO_DEEP', P, 1]]);
  });

  it('refuses YAML nested deeper than a manifest needs', async () => {
    const dir = repoWithCase();
    writeFileSync(join(dir, P), `a: ${'['.repeat(100)}${']'.repeat(100)}\n`);
    expect(await findingsOf(dir)).toEqual([['YAML_TOO_DEEP', P, 1]]);
  });

  it('refuses JSON nested deeper than any schema needs', async () => {
    const dir = repoWithCase();
    writeFileSync(join(dir, S), `${'['.repeat(100_000)}`);
    expect(await findingsOf(dir)).toEqual([['AVRO_SYNTAX', S, 1]]);
  });

  it('reports the line of bytes that are not UTF-8', async () => {
    const dir = repoWithCase();
    const text = Buffer.from('apiVersion: mesh-steward/v1\nkind: DataProduct\nname: caf\xe9\n', 'latin1');
    writeFileSync(join(dir, P), text);
    expect(await findingsOf(dir)).toEqual([['FILE_NOT_UTF8', P, 3]]);
  });

  it('reads files that start with a UTF-8 byte order mark', async () => {
    const dir = repoWithCase();
    const schema = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('"string"\n')]);
    writeFileSync(join(dir, 'catalog/commerce/orders/schemas/order-key.avsc'), schema);
    expect(await findingsOf(dir)).toEqual([]);
  });

  it('reports symlinks instead of following them', async () => {
    const dir = repoWithCase();
    const link = join(dir, 'catalog/commerce/orders/schemas/secret.avsc');
    symlinkSync('/etc/passwd', link);
    mkdirSync(join(dir, 'catalog/linked'));
    symlinkSync('/etc', join(dir, 'catalog/linked/etc'));
    expect(await findingsOf(dir)).toEqual([
      ['SOURCE_SYMLINK', 'catalog/commerce/orders/schemas/secret.avsc', 1],
      ['SOURCE_SYMLINK', 'catalog/linked/etc', 1],
    ]);
  });

  it('treats oversize and symlink entries from any provider the same way', async () => {
    const tree = new Map<string, SourceEntry>([
      ['catalog/a/domain.yaml', { kind: 'oversize', size: 50_000_000 }],
      ['rules/global.yaml', { kind: 'symlink', target: '../../etc/passwd' }],
    ]);
    const rules = loadCatalog(tree).findings.map((f) => f.ruleId);
    expect(rules).toEqual(['FILE_TOO_LARGE', 'SOURCE_SYMLINK']);
  });

  it('reports an empty manifest as a shape problem', async () => {
    const dir = repoWithCase();
    writeFileSync(join(dir, P), '# nothing yet\n');
    expect(await findingsOf(dir)).toEqual([['MANIFEST_INVALID_VALUE', P, 1]]);
  });
});

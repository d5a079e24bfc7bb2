import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { maxFileBytes } from '../../../src/core/source.js';
import { readTarball } from '../../../src/github/tarball.js';

/** Archives made by tar-stream (pax headers for long names), as GitHub's are: one top folder. */
async function archive(entries: { name: string; body?: string | Buffer; type?: 'symlink'; linkname?: string }[]) {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve) => tar.on('end', () => resolve()));
  tar.entry({ name: 'acme-mesh-abc1234/', type: 'directory' });
  for (const e of entries)
    if (e.type === 'symlink')
      tar.entry({ name: `acme-mesh-abc1234/${e.name}`, type: 'symlink', linkname: e.linkname ?? '' });
    else tar.entry({ name: `acme-mesh-abc1234/${e.name}` }, e.body ?? '');
  tar.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

describe('readTarball', () => {
  it('reads files under the top folder, long (pax) paths, symlinks and oversize files, and skips the rest', async () => {
    const long = `catalog/${'deep/'.repeat(30)}product.yaml`;
    const gz = await archive([
      { name: 'catalog/a/product.yaml', body: 'name: a\n' },
      { name: long, body: 'name: long\n' },
      { name: 'catalog/a/link.yaml', type: 'symlink', linkname: '../../etc/passwd' },
      { name: 'catalog/a/huge.avsc', body: Buffer.alloc(maxFileBytes + 1, 0x20) },
      { name: 'src/index.ts', body: 'ignored' },
      { name: 'catalog/b/ü.yaml', body: 'x: ü\n' },
    ]);
    const tree = readTarball(gz, (p) => p.startsWith('catalog/'));
    const text = (p: string) => {
      const e = tree.get(p);
      return e?.kind === 'file' ? Buffer.from(e.content).toString('utf8') : e;
    };
    expect([...tree.keys()].sort()).toEqual(
      ['catalog/a/huge.avsc', 'catalog/a/link.yaml', 'catalog/a/product.yaml', 'catalog/b/ü.yaml', long].sort(),
    );
    expect(text('catalog/a/product.yaml')).toBe('name: a\n');
    expect(text(long)).toBe('name: long\n');
    expect(text('catalog/b/ü.yaml')).toBe('x: ü\n');
    expect(tree.get('catalog/a/link.yaml')).toEqual({ kind: 'symlink', target: '../../etc/passwd' });
    expect(tree.get('catalog/a/huge.avsc')).toEqual({ kind: 'oversize', size: maxFileBytes + 1 });
  });
});

import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { maxFileBytes } from '../../../src/core/source.js';
import { readTarball, TarballLimitError, tarballLimits } from '../../../src/github/read/tarball.js';

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
    const tree = await readTarball(gz, (p) => p.startsWith('catalog/'));
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

/** A raw ustar header, for archives too large or too odd to build with tar-stream. */
function header(name: string, size: number, type = '0'): Buffer {
  const h = Buffer.alloc(512);
  h.write(`acme-mesh-abc1234/${name}`, 0);
  h.write('0000644\0', 100);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write(type, 156);
  h.write('ustar\u000000', 257);
  return h;
}

/** About 1 MB of gzip that inflates to 1 GiB: one huge zero-filled entry, as concatenated gzip members. */
function gzipBomb(): Buffer {
  const zeros = gzipSync(Buffer.alloc(16 << 20));
  return Buffer.concat([gzipSync(header('catalog/a/product.yaml', 2 ** 30)), ...Array<Buffer>(64).fill(zeros)]);
}

describe('readTarball limits', () => {
  it('stops a gzip bomb at the inflated-size cap, quickly, with the typed error', async () => {
    const bomb = gzipBomb();
    expect(bomb.length).toBeLessThan(1.1e6);
    const start = performance.now();
    const error = await readTarball(bomb, () => true).catch((e: unknown) => e);
    expect(performance.now() - start).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(TarballLimitError);
    expect((error as TarballLimitError).limit).toBe('inflatedBytes');
    expect((error as Error).message).toMatch(/above the 256 MiB/);
  });

  it('stops at the entry cap, counting entries that are not wanted too', async () => {
    const tar = Buffer.concat([...Array.from({ length: 11 }, (_, i) => header(`src/f${i}`, 0)), Buffer.alloc(1024)]);
    const error = await readTarball(gzipSync(tar), (p) => p.startsWith('catalog/'), {
      limits: { ...tarballLimits, entries: 10 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TarballLimitError);
    expect((error as TarballLimitError).limit).toBe('entries');
    expect((error as Error).message).toMatch(/more than 10 entries/);
  });

  it('refuses a compressed download already above the cap, and a truncated archive', async () => {
    const limits = { ...tarballLimits, inflatedBytes: 1000 };
    const big = gzipSync(Buffer.concat([header('catalog/a.yaml', 0), Buffer.alloc(1024)]), { level: 0 });
    const padded = Buffer.concat([big, Buffer.alloc(1000)]);
    await expect(readTarball(padded, () => true, { limits })).rejects.toThrow(TarballLimitError);
    const truncated = gzipSync(Buffer.concat([header('catalog/a.yaml', 600), Buffer.alloc(100)]));
    await expect(readTarball(truncated, () => true)).rejects.toThrow(/truncated/);
  });
});

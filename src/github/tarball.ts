import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import { maxFileBytes, type SourceEntry } from '../core/source.js';

/**
 * Untars a gzipped GitHub archive in memory, keeping only the entries `wanted` selects. GitHub prefixes every
 * path with one folder (`owner-repo-sha/`), which is dropped. Files above the size limit are reported, not read;
 * symlinks are reported with their target, never followed.
 */
export async function readTarball(
  gzipped: Uint8Array,
  wanted: (path: string) => boolean,
): Promise<Map<string, SourceEntry>> {
  const entries = new Map<string, SourceEntry>();
  const archive = Readable.from([gzipped]).pipe(createGunzip()).pipe(extract());
  for await (const entry of archive) {
    const header = entry.header;
    const path = header.name.slice(header.name.indexOf('/') + 1);
    const keep = (header.type === 'file' || header.type === 'symlink') && wanted(path);
    if (!keep) {
      entry.resume();
      continue;
    }
    if (header.type === 'symlink') {
      entries.set(path, { kind: 'symlink', target: header.linkname });
      entry.resume();
    } else if ((header.size ?? 0) > maxFileBytes) {
      entries.set(path, { kind: 'oversize', size: header.size ?? 0 });
      entry.resume();
    } else {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      entries.set(path, { kind: 'file', content: new Uint8Array(Buffer.concat(chunks)) });
    }
  }
  return entries;
}

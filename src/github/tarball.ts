import { gunzipSync } from 'node:zlib';
import { maxFileBytes, type SourceEntry } from '../core/source.js';

const block = 512;

/**
 * Reads a gzipped GitHub archive in memory, keeping only the entries `wanted` selects. GitHub prefixes every path
 * with one folder (`owner-repo-sha/`), which is dropped. Files above the size limit are reported, not copied;
 * symlinks are reported with their target, never followed.
 *
 * A small synchronous reader of the ustar/pax format rather than a streaming library: archives of a catalog are
 * a few megabytes, and walking the headers of one buffer is ten times faster than an entry-by-entry stream,
 * which matters when fifty pull requests arrive at once.
 */
export function readTarball(gzipped: Uint8Array, wanted: (path: string) => boolean): Map<string, SourceEntry> {
  const tar = gunzipSync(gzipped);
  const entries = new Map<string, SourceEntry>();
  let pax: Record<string, string> = {};
  for (let offset = 0; offset + block <= tar.length;) {
    const header = tar.subarray(offset, offset + block);
    if (header.every((b) => b === 0)) break;
    const size = Number(pax['size'] ?? octal(header, 124, 12));
    const type = String.fromCharCode(header[156] ?? 0);
    const dataStart = offset + block;
    offset = dataStart + Math.ceil(size / block) * block;
    if (type === 'x') {
      pax = parsePax(tar.subarray(dataStart, dataStart + size));
      continue;
    }
    if (type === 'g') continue;
    const full = pax['path'] ?? joinName(text(header, 345, 155), text(header, 0, 100));
    const link = pax['linkpath'] ?? text(header, 157, 100);
    pax = {};
    const path = full.slice(full.indexOf('/') + 1);
    if (!wanted(path)) continue;
    if (type === '2') entries.set(path, { kind: 'symlink', target: link });
    else if (type !== '0' && type !== '\0') continue;
    else if (size > maxFileBytes) entries.set(path, { kind: 'oversize', size });
    else
      entries.set(path, { kind: 'file', content: Uint8Array.prototype.slice.call(tar, dataStart, dataStart + size) });
  }
  return entries;
}

function text(header: Uint8Array, start: number, length: number): string {
  const field = header.subarray(start, start + length);
  const end = field.indexOf(0);
  return Buffer.from(field.subarray(0, end === -1 ? length : end)).toString('utf8');
}

function octal(header: Uint8Array, start: number, length: number): number {
  // Sizes above 8 GiB use base-256; no catalog file comes near, so such an entry reads as oversize.
  if (((header[start] ?? 0) & 0x80) !== 0) return Number.MAX_SAFE_INTEGER;
  return parseInt(text(header, start, length).trim() || '0', 8);
}

function joinName(prefix: string, name: string): string {
  return prefix ? `${prefix}/${name}` : name;
}

/** Pax extended header records: `<length> <key>=<value>\n`, lengths in bytes. */
function parsePax(data: Uint8Array): Record<string, string> {
  const records: Record<string, string> = {};
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space === -1) break;
    const length = Number(Buffer.from(data.subarray(pos, space)).toString('ascii'));
    if (!Number.isInteger(length) || length <= 0) break;
    const record = Buffer.from(data.subarray(space + 1, pos + length - 1)).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) records[record.slice(0, eq)] = record.slice(eq + 1);
    pos += length;
  }
  return records;
}

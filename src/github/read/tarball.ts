import { createGunzip } from 'node:zlib';
import { SourceError } from '../../core/errors.js';
import { maxFileBytes, type SourceEntry } from '../../core/source.js';

const block = 512;

/**
 * What one archive may cost. A catalog of 10,000 products inflates to a few tens of MiB; the caps stop a gzip
 * bomb (1 MB that inflates to 1 GB) or an archive of millions of empty entries within a second, and files are
 * still capped one by one at `maxFileBytes` like every other source.
 */
export const tarballLimits = {
  /** Bytes of tar after gunzip; the compressed download may not exceed it either. */
  inflatedBytes: 256 * 1024 * 1024,
  /** Entries of every kind, wanted or not (pax headers not counted). */
  entries: 100_000,
} as const;

export type TarballLimits = { readonly [K in keyof typeof tarballLimits]: number };

/** An archive over one of `tarballLimits`: reading stopped there, so nothing of it may be judged. */
export class TarballLimitError extends SourceError {
  constructor(
    readonly limit: keyof TarballLimits,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a gzipped GitHub archive, keeping only the entries `wanted` selects. GitHub prefixes every path with one
 * folder (`owner-repo-sha/`), which is dropped. Files above the size limit are reported, not copied; symlinks are
 * reported with their target, never followed. Throws `TarballLimitError` as soon as the archive passes a limit.
 *
 * A small reader of the ustar/pax format fed by a streaming gunzip: only the wanted entries are ever held, so
 * memory follows the catalog rather than the archive, and inflation stops at the first byte over the cap.
 */
export async function readTarball(
  gzipped: Uint8Array,
  wanted: (path: string) => boolean,
  options: { limits?: TarballLimits; name?: string } = {},
): Promise<Map<string, SourceEntry>> {
  const limits = options.limits ?? tarballLimits;
  const name = options.name ?? 'The archive';
  if (gzipped.byteLength > limits.inflatedBytes)
    throw new TarballLimitError('inflatedBytes', `${name} is ${gzipped.byteLength} bytes, ${overCap(limits)}`);
  const reader = new TarReader(wanted, limits, name);
  await new Promise<void>((resolve, reject) => {
    const gunzip = createGunzip({ chunkSize: 256 * 1024 });
    gunzip.on('data', (chunk: Buffer) => {
      try {
        reader.push(chunk);
      } catch (error) {
        gunzip.destroy();
        reject(error as Error);
      }
    });
    gunzip.on('end', resolve);
    gunzip.on('error', (error) => reject(new SourceError(`${name} is not a valid gzip file.`, { cause: error })));
    gunzip.end(gzipped);
  });
  return reader.finish();
}

function overCap(limits: TarballLimits): string {
  const mib = Math.round(limits.inflatedBytes / 2 ** 20);
  return `above the ${mib} MiB (${limits.inflatedBytes} bytes) Mesh Steward reads of a repository archive; a catalog needs far less, so remove large generated or binary files from the repository.`;
}

type Step =
  | { readonly kind: 'header' }
  | { readonly kind: 'skip'; remaining: number }
  /** `padded` bytes to hold, of which the first `length` are the entry's data. */
  | {
      readonly kind: 'keep';
      readonly padded: number;
      readonly length: number;
      readonly into: 'file' | 'pax';
      readonly path: string;
    };

/** The tar state machine: consumes inflated bytes in whatever chunks they come, holding only what it keeps. */
class TarReader {
  private readonly entries = new Map<string, SourceEntry>();
  private step: Step = { kind: 'header' };
  private held: Buffer[] = [];
  private heldBytes = 0;
  private inflated = 0;
  private count = 0;
  private ended = false;
  private pax: Record<string, string> = {};

  constructor(
    private readonly wanted: (path: string) => boolean,
    private readonly limits: TarballLimits,
    private readonly name: string,
  ) {}

  push(chunk: Buffer): void {
    this.inflated += chunk.length;
    if (this.inflated > this.limits.inflatedBytes)
      throw new TarballLimitError('inflatedBytes', `${this.name} inflates ${overCap(this.limits)}`);
    let pos = 0;
    while (pos < chunk.length && !this.ended) pos = this.consume(chunk, pos);
  }

  finish(): Map<string, SourceEntry> {
    if (!this.ended && (this.step.kind !== 'header' || this.heldBytes > 0))
      throw new SourceError(`${this.name} ends inside an entry; it is truncated, so nothing of it is judged.`);
    return this.entries;
  }

  /** Advances one step over `chunk` from `pos`; returns the new position. */
  private consume(chunk: Buffer, pos: number): number {
    const step = this.step;
    if (step.kind === 'skip') {
      const n = Math.min(step.remaining, chunk.length - pos);
      step.remaining -= n;
      if (step.remaining === 0) this.step = { kind: 'header' };
      return pos + n;
    }
    const need = step.kind === 'header' ? block : step.padded;
    const n = Math.min(need - this.heldBytes, chunk.length - pos);
    this.held.push(chunk.subarray(pos, pos + n));
    this.heldBytes += n;
    if (this.heldBytes === need) {
      const data = Buffer.concat(this.held, need);
      this.held = [];
      this.heldBytes = 0;
      if (step.kind === 'header') this.header(data);
      else this.kept(step, data);
    }
    return pos + n;
  }

  private header(header: Buffer): void {
    if (header.every((b) => b === 0)) {
      this.ended = true;
      return;
    }
    const size = Number(this.pax['size'] ?? octal(header, 124, 12));
    const type = String.fromCharCode(header[156] ?? 0);
    if (!Number.isSafeInteger(size) || size < 0)
      throw new SourceError(`${this.name} has an entry of unreadable size; it is malformed.`);
    const padded = Math.ceil(size / block) * block;
    if (type === 'x') {
      // A pax record only names and sizes the next entry; one larger than a catalog file is not a header we read.
      if (size > maxFileBytes)
        throw new SourceError(`${this.name} has a pax header of ${size} bytes; it is malformed.`);
      this.step = { kind: 'keep', padded, length: size, into: 'pax', path: '' };
      return;
    }
    if (++this.count > this.limits.entries)
      throw new TarballLimitError(
        'entries',
        `${this.name} holds more than ${this.limits.entries} entries, the most Mesh Steward reads of a repository archive; a catalog needs far fewer, so remove generated files from the repository.`,
      );
    const full = this.pax['path'] ?? joinName(text(header, 345, 155), text(header, 0, 100));
    const link = this.pax['linkpath'] ?? text(header, 157, 100);
    this.pax = {};
    const path = full.slice(full.indexOf('/') + 1);
    const regular = type === '0' || type === '\0';
    if (type === 'g' || !this.wanted(path) || (type !== '2' && !regular)) this.skip(padded);
    else if (type === '2') {
      this.entries.set(path, { kind: 'symlink', target: link });
      this.skip(padded);
    } else if (size > maxFileBytes) {
      this.entries.set(path, { kind: 'oversize', size });
      this.skip(padded);
    } else if (padded === 0) {
      this.entries.set(path, { kind: 'file', content: new Uint8Array() });
      this.step = { kind: 'header' };
    } else this.step = { kind: 'keep', padded, length: size, into: 'file', path };
  }

  private kept(step: Extract<Step, { kind: 'keep' }>, data: Buffer): void {
    const content = data.subarray(0, step.length);
    this.step = { kind: 'header' };
    if (step.into === 'pax') this.pax = parsePax(content);
    else this.entries.set(step.path, { kind: 'file', content: Uint8Array.prototype.slice.call(content) });
  }

  private skip(bytes: number): void {
    this.step = bytes === 0 ? { kind: 'header' } : { kind: 'skip', remaining: bytes };
  }
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

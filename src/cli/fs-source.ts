import { closeSync, lstatSync, openSync, readdirSync, readlinkSync, readSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { SourceError } from '../core/errors.js';
import { maxFileBytes, type SourceEntry, type SourceTree } from '../core/source.js';
import { catalogRoot, rulesRoot, settingsPaths } from '../catalog/model.js';

/**
 * Reads the parts of a repository the catalog is made of (catalog/, rules/, .github/steward.yml) into a source
 * tree. Symlinks are reported, not followed. A file's content is read on first use, and never more than one byte
 * past the size limit: a check that does not parse unchanged schemas does not read them either. Synchronous on
 * purpose: for tens of thousands of small files, promise-based reads measured several times slower.
 */
export async function readDirectorySource(root: string): Promise<SourceTree> {
  if (!lstatIfExists(root)?.isDirectory()) throw new SourceError(`${root} is not a directory.`);
  const tree = new Map<string, SourceEntry>();
  const buffer = Buffer.allocUnsafe(maxFileBytes + 1);
  for (const top of [catalogRoot, rulesRoot]) walk(root, join(root, top), tree, buffer);
  for (const path of settingsPaths) {
    const full = join(root, path);
    const stat = lstatIfExists(full);
    if (stat?.isSymbolicLink()) tree.set(path, { kind: 'symlink', target: readlinkSync(full) });
    else if (stat?.isFile()) tree.set(path, lazyEntry(full, buffer));
  }
  return tree;
}

function lstatIfExists(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function walk(root: string, dir: string, tree: Map<string, SourceEntry>, buffer: Buffer): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new SourceError(`Cannot read directory ${dir}.`, { cause: error });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    const path = relative(root, full).split(sep).join('/');
    if (entry.isSymbolicLink()) tree.set(path, { kind: 'symlink', target: readlinkSync(full) });
    else if (entry.isDirectory()) walk(root, full, tree, buffer);
    else if (entry.isFile()) tree.set(path, lazyEntry(full, buffer));
  }
}

/** A file entry whose content is read once, when first asked for. */
function lazyEntry(full: string, buffer: Buffer): SourceEntry {
  let content: Uint8Array | undefined;
  return {
    kind: 'file',
    get content() {
      content ??= readBounded(full, buffer);
      return content;
    },
  };
}

/**
 * Reads at most one byte past the limit, so a huge file costs no more than a small one; the loader reports a
 * content that long as too large.
 */
function readBounded(full: string, buffer: Buffer): Uint8Array {
  let fd: number | undefined;
  try {
    fd = openSync(full, 'r');
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n)
      n = readSync(fd, buffer, length, buffer.length - length, null);
    return Uint8Array.prototype.slice.call(buffer, 0, length);
  } catch (error) {
    throw new SourceError(`Cannot read ${full}.`, { cause: error });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

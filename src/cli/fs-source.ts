import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { SourceError } from '../core/errors.js';
import { maxFileBytes, type SourceEntry, type SourceTree } from '../core/source.js';
import { catalogRoot, rulesRoot, settingsPaths } from '../catalog/model.js';

/**
 * Reads the parts of a repository the catalog is made of (catalog/, rules/, .github/steward.yml) into a source
 * tree. Symlinks are reported, not followed; files over the size limit are reported, not read. Synchronous on
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
    else if (stat?.isFile()) tree.set(path, readEntry(full, buffer));
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
    else if (entry.isFile()) tree.set(path, readEntry(full, buffer));
  }
}

/** Reads at most one byte past the limit, so a huge file costs no more than a small one. */
function readEntry(full: string, buffer: Buffer): SourceEntry {
  let fd: number | undefined;
  try {
    fd = openSync(full, 'r');
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n)
      n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > maxFileBytes) return { kind: 'oversize', size: fstatSync(fd).size };
    return { kind: 'file', content: Uint8Array.prototype.slice.call(buffer, 0, length) };
  } catch (error) {
    throw new SourceError(`Cannot read ${full}.`, { cause: error });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { SourceError } from '../core/errors.js';
import { maxFileBytes, type SourceEntry, type SourceTree } from '../core/source.js';
import { catalogRoot, rulesRoot, settingsPaths } from '../catalog/model.js';

/**
 * Reads the parts of a repository the catalog is made of (catalog/, rules/, .github/steward.yml) into a source
 * tree. Symlinks are reported, not followed; files over the size limit are reported, not read.
 */
export function readDirectorySource(root: string): SourceTree {
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new SourceError(`${root} is not a directory.`);
  const tree = new Map<string, SourceEntry>();
  for (const top of [catalogRoot, rulesRoot]) {
    const dir = join(root, top);
    if (existsSync(dir)) walk(root, dir, tree);
  }
  for (const path of settingsPaths) {
    const full = join(root, path);
    if (existsSync(full)) tree.set(path, readEntry(full));
  }
  return tree;
}

function walk(root: string, dir: string, tree: Map<string, SourceEntry>): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new SourceError(`Cannot read directory ${dir}.`, { cause: error });
  }
  for (const entry of entries) {
    const full = join(dir, entry.name);
    const path = relative(root, full).split(sep).join('/');
    if (entry.isSymbolicLink()) tree.set(path, { kind: 'symlink', target: readlinkSync(full) });
    else if (entry.isDirectory()) walk(root, full, tree);
    else if (entry.isFile()) tree.set(path, readEntry(full));
  }
}

function readEntry(full: string): SourceEntry {
  const fd = openSync(full, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > maxFileBytes) return { kind: 'oversize', size };
    return { kind: 'file', content: readFileSync(fd) };
  } catch (error) {
    throw new SourceError(`Cannot read ${full}.`, { cause: error });
  } finally {
    closeSync(fd);
  }
}

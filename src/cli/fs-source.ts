import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  type Stats,
} from 'node:fs';
import { join } from 'node:path';
import { SourceError } from '../core/errors.js';
import { maxFileBytes, type EntryType, type SourceEntry, type SourceTree } from '../core/source.js';
import { catalogRoot, rulesRoot, settingsPaths } from '../catalog/model.js';

/** The folders a catalog is read from; each is checked itself before anything in it, so a link is never crossed. */
const roots = [catalogRoot.slice(0, -1), rulesRoot.slice(0, -1)];
const settingsFolder = '.github';
/** A folder with one of these names stands where a file must be: reported, not walked. */
const fileNames = /\.(ya?ml|avsc)$/i;
/** A regular file where a folder belongs. */
const notFolder: SourceEntry = { kind: 'not-regular', type: 'file' };
/** Opening never blocks (a FIFO swapped in after the walk) and never follows a link swapped in for the file. */
const openFlags = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;

/**
 * Reads the parts of a repository the catalog is made of (catalog/, rules/, .github/steward.yml) into a source
 * tree. Symlinks are reported, not followed, at any depth including `catalog`, `rules` and `.github` themselves;
 * anything but a regular file (a folder named product.yaml, a FIFO, a device) is reported without being opened.
 * Names are read as bytes, so a name that is not UTF-8 is still read (its key shows each bad byte as U+FFFD and the
 * loader reports it). Every file is read here, so the loader gets bytes and does no I/O itself; a file above the size
 * limit is reported by its size, not read. Synchronous on purpose: for tens of thousands of small files,
 * promise-based reads measured several times slower.
 */
export async function readDirectorySource(root: string): Promise<SourceTree> {
  if (!lstatIfExists(root)?.isDirectory()) throw new SourceError(`${root} is not a directory.`);
  const tree = new Map<string, SourceEntry>();
  const rootBytes = Buffer.from(root);
  for (const top of roots) {
    const full = join(root, top);
    const stat = lstatIfExists(full);
    if (stat?.isDirectory()) walk(Buffer.from(full), top, tree);
    else if (stat) tree.set(top, special(full, stat) ?? notFolder);
  }
  const folder = lstatIfExists(join(root, settingsFolder));
  if (folder && !folder.isDirectory())
    tree.set(settingsFolder, special(join(root, settingsFolder), folder) ?? notFolder);
  else if (folder)
    for (const path of settingsPaths) {
      const full = Buffer.concat([rootBytes, Buffer.from(`/${path}`)]);
      const stat = lstatIfExists(full);
      if (stat) tree.set(path, special(full, stat) ?? readFile(full));
    }
  return tree;
}

function lstatIfExists(path: string | Buffer): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** The entry of anything but a regular file, or undefined for a regular file (which readFile reads). */
function special(full: string | Buffer, stat: Stats): SourceEntry | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isSymbolicLink()) return { kind: 'symlink', target: readlinkSync(full, 'utf8') };
  return { kind: 'not-regular', type: entryType(stat) };
}

function entryType(stat: Stats): EntryType {
  if (stat.isDirectory()) return 'directory';
  if (stat.isFIFO()) return 'fifo';
  if (stat.isSocket()) return 'socket';
  return 'device';
}

function walk(dir: Buffer, prefix: string, tree: Map<string, SourceEntry>): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new SourceError(`Cannot read directory ${dir.toString()}.`, { cause: error });
  }
  entries.sort((a, b) => Buffer.compare(a.name, b.name));
  for (const entry of entries) {
    const full = Buffer.concat([dir, Buffer.from('/'), entry.name]);
    const name = entry.name.toString('utf8');
    const path = `${prefix}/${name}`;
    if (entry.isDirectory() && !fileNames.test(name)) walk(full, path, tree);
    else if (entry.isFile()) tree.set(path, readFile(full));
    else if (entry.isSymbolicLink()) tree.set(path, { kind: 'symlink', target: readlinkSync(full, 'utf8') });
    else tree.set(path, { kind: 'not-regular', type: direntType(entry) });
  }
}

function direntType(entry: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean }): EntryType {
  return entry.isDirectory() ? 'directory' : entry.isFIFO() ? 'fifo' : entry.isSocket() ? 'socket' : 'device';
}

/**
 * A regular file's entry: its bytes, or its size when above the limit (then it is not read, so a huge file costs no
 * more than a small one). Refuses anything that is no longer a regular file when opened: the flags never block on a
 * FIFO or follow a link swapped in since the walk.
 */
function readFile(full: Buffer): SourceEntry {
  let fd: number | undefined;
  try {
    fd = openSync(full, openFlags);
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error('not a regular file');
    if (stat.size > maxFileBytes) return { kind: 'oversize', size: stat.size };
    return { kind: 'file', content: readFileSync(fd) };
  } catch (error) {
    throw new SourceError(`Cannot read ${full.toString()}: it changed while being read, or is unreadable.`, {
      cause: error,
    });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

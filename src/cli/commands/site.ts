import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { loadCatalog } from '../../catalog/load.js';
import { hasErrors } from '../../core/findings.js';
import { renderFindingsText } from '../../render/findings.js';
import { siteFiles, type SiteFile } from '../../site/build.js';
import type { CommandResult } from '../declare.js';
import { readDirectorySource } from '../fs-source.js';
import { readCatalogHistory } from '../git/catalog-history.js';
import { findRepoRoot } from '../git/repo-root.js';
import { exitCodes, UsageError, type CliIo } from '../io.js';
import { resolveSiteRepository, type RepositoryFlags } from '../site-repository.js';

export interface SiteOptions extends RepositoryFlags {
  readonly out?: string;
  readonly lineageDepth?: string;
  /** False with `--no-history`. */
  readonly history?: boolean;
}

/** The file a site folder lists its own files in, one per line: what the next build may replace or remove. */
export const siteMarker = '.steward-site';

/**
 * `steward site`: the catalog's static site, built from the working tree into `--out` (default `site/` in the
 * repository). A catalog with errors builds nothing (its findings are printed, exit 1): a site of what happened to
 * validate would hide the products that did not.
 */
export async function runSite(io: CliIo, dir: string | undefined, options: SiteOptions): CommandResult {
  const root = dir === undefined ? findRepoRoot(io.cwd) : resolve(io.cwd, dir);
  const out = options.out === undefined ? join(root, 'site') : resolve(io.cwd, options.out);
  const lineageDepth = parseLineageDepth(options.lineageDepth);
  const { catalog, findings } = loadCatalog(await readDirectorySource(root));
  if (hasErrors(findings)) {
    io.err(renderFindingsText(findings));
    io.err('steward site: the catalog has errors (listed above); fix them first. Nothing was written.\n');
    return exitCodes.findings;
  }
  if (catalog.products.size === 0)
    throw new UsageError(`No catalog found in ${root}: there is no product under catalog/. Pass the repository root.`);
  const history =
    options.history === false
      ? ({ kind: 'unavailable', reason: 'the site was built with --no-history' } as const)
      : await readCatalogHistory(root, catalog.products.keys());
  const repository = await resolveSiteRepository(root, catalog, io.env, options);
  const written = writeSite(
    out,
    siteFiles(catalog, {
      lineageDepth,
      history,
      searchLibrary: readSearchLibrary(),
      ...(repository ? { repository } : {}),
    }),
  );
  io.out(`Wrote ${written} files for ${catalog.products.size} product(s) to ${out}\n`);
  if (!repository)
    io.out(
      'No repository URL known (--repo-url, GITHUB_REPOSITORY, a github.com origin): "Request access" shows snippets and commands only.\n',
    );
  return exitCodes.ok;
}

/** Set by the Action's bundle (tools/build-action.ts), which has no node_modules beside it to read. */
declare const __STEWARD_SEARCH_LIBRARY__: string | undefined;

/**
 * MiniSearch's browser build with its licence (MIT asks for the notice in every copy), for the site's assets: from
 * node_modules, or the text the Action's bundle carries.
 */
export function readSearchLibrary(): string {
  if (typeof __STEWARD_SEARCH_LIBRARY__ === 'string') return __STEWARD_SEARCH_LIBRARY__;
  return readSearchLibraryFiles();
}

/** The library as node_modules holds it (what the Action's bundle is built with). */
export function readSearchLibraryFiles(): string {
  // The package exports only its entry points; its CommonJS one is dist/cjs/index.cjs, two folders down.
  const dir = join(dirname(createRequire(import.meta.url).resolve('minisearch')), '..', '..');
  const license = readFileSync(join(dir, 'LICENSE.txt'), 'utf8').trim();
  const code = readFileSync(join(dir, 'dist', 'umd', 'index.js'), 'utf8').replace(
    /\n\/\/# sourceMappingURL=\S*\s*$/,
    '\n',
  );
  return `/*! MiniSearch (https://github.com/lucaong/minisearch)\n${license.replaceAll('*/', '* /')}\n*/\n${code}`;
}

function parseLineageDepth(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const depth = Number(value);
  if (!Number.isInteger(depth) || depth < 1 || depth > 100)
    throw new UsageError(`--lineage-depth "${value}" is not a whole number from 1 to 100; e.g. --lineage-depth 3.`);
  return depth;
}

/**
 * Writes the site into `out`, each file as it is rendered, so only the page being written is held. A folder that
 * holds anything else than an earlier site (no marker) is refused before anything is written, so `--out .` never
 * scatters pages over a repository. Once every file is written, the files of the earlier site that this one no
 * longer has are removed (a deleted product's page does not linger) and the marker lists the new site's files.
 * Synchronous writes: on the bench mesh (30,000 files) they take a third of the time of `fs/promises` ones, with
 * or without many in flight. Returns how many files were written.
 */
function writeSite(out: string, files: Iterable<SiteFile>): number {
  const marker = join(out, siteMarker);
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(marker))
    throw new UsageError(
      `${out} is not empty and holds no earlier site (no ${siteMarker} file); pass an empty or new folder with --out. Nothing was written.`,
    );
  const earlier = existsSync(marker) ? readFileSync(marker, 'utf8').split('\n').filter(Boolean) : [];
  const paths = new Set<string>();
  const folders = new Set<string>();
  for (const [path, text] of files) {
    paths.add(path);
    const file = join(out, path);
    const folder = dirname(file);
    if (!folders.has(folder)) mkdirSync(folder, { recursive: true });
    folders.add(folder);
    writeFileSync(file, text);
  }
  for (const path of earlier)
    if (!paths.has(path) && !path.split('/').includes('..')) rmSync(join(out, path), { force: true });
  writeFileSync(marker, `${[...paths].sort().join('\n')}\n`);
  return paths.size;
}

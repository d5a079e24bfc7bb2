import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { loadCatalog } from '../../catalog/load.js';
import { hasErrors } from '../../core/findings.js';
import { renderFindingsText } from '../../render/findings.js';
import { buildSite } from '../../site/build.js';
import type { CommandResult } from '../declare.js';
import { readDirectorySource } from '../fs-source.js';
import { findRepoRoot } from '../git/repo-root.js';
import { exitCodes, UsageError, type CliIo } from '../io.js';

export interface SiteOptions {
  readonly out?: string;
  readonly lineageDepth?: string;
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
  const files = buildSite(catalog, { lineageDepth, searchLibrary: readSearchLibrary() });
  writeSite(out, files);
  io.out(`Wrote ${files.size} files for ${catalog.products.size} product(s) to ${out}\n`);
  return exitCodes.ok;
}

/** MiniSearch's browser build with its licence (MIT asks for the notice in every copy), for the site's assets. */
export function readSearchLibrary(): string {
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
 * Writes the site into `out`. A folder that holds anything else than an earlier site (no marker) is refused, so
 * `--out .` never scatters pages over a repository; files of the earlier site that this one no longer has are
 * removed, so a deleted product's page does not linger.
 */
function writeSite(out: string, files: ReadonlyMap<string, string>): void {
  const marker = join(out, siteMarker);
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(marker))
    throw new UsageError(
      `${out} is not empty and holds no earlier site (no ${siteMarker} file); pass an empty or new folder with --out. Nothing was written.`,
    );
  const earlier = existsSync(marker) ? readFileSync(marker, 'utf8').split('\n').filter(Boolean) : [];
  for (const path of earlier)
    if (!files.has(path) && !path.split('/').includes('..')) rmSync(join(out, path), { force: true });
  for (const [path, text] of files) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), text);
  }
  writeFileSync(marker, `${[...files.keys()].sort().join('\n')}\n`);
}

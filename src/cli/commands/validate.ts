import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { catalogRoot, settingsPaths } from '../../catalog/model.js';
import { hasErrors } from '../../core/findings.js';
import type { SourceTree } from '../../core/source.js';
import { findingsToJson, renderFindingsGithub, renderFindingsText } from '../../render/findings.js';
import { findRepoRoot } from '../git/repo-root.js';
import { readDirectorySource } from '../fs-source.js';
import { lintTree } from '../validate-parallel.js';
import { exitCodes, parseFormat, parseToday, UsageError, type CliIo } from '../io.js';
import type { CommandResult } from '../declare.js';

/** `steward validate`: whole-catalog lint. */
export async function runValidate(
  io: CliIo,
  dir: string | undefined,
  options: { readonly format: string; readonly today?: string },
): CommandResult {
  const format = parseFormat(options.format, ['text', 'json', 'github']);
  const today = parseToday(options.today);
  const root = dir === undefined ? findRepoRoot(io.cwd) : resolve(io.cwd, dir);
  const tree = await readDirectorySource(root);
  const { load, findings } = await lintTree(tree, today);
  if (load.catalog.products.size === 0 && load.findings.length === 0)
    throw noCatalog(tree, root, dir === undefined ? io.cwd : undefined);
  if (format === 'json') io.out(`${JSON.stringify({ findings: findingsToJson(findings) }, null, 2)}\n`);
  else io.out(format === 'github' ? renderFindingsGithub(findings) : renderFindingsText(findings));
  return hasErrors(findings) ? exitCodes.findings : exitCodes.ok;
}

/**
 * A directory without a catalog (no product and nothing to report) is not a clean catalog: say where we looked and
 * for what, and exit 2, rather than report "No problems found." about nothing.
 */
function noCatalog(tree: SourceTree, root: string, searchedFrom: string | undefined): UsageError {
  const hasCatalog = [...tree.keys()].some((path) => path.startsWith(catalogRoot));
  const where =
    searchedFrom === undefined
      ? root
      : existsSync(join(root, '.git'))
        ? `${root} (the git repository around ${searchedFrom})`
        : `${root} (not inside a git repository, and no ${catalogRoot} above it)`;
  const settings = settingsPaths.some((p) => tree.has(p)) ? `${settingsPaths[0]} is there, but ` : '';
  const what = hasCatalog
    ? `${catalogRoot} holds no product.yaml`
    : `there is no ${catalogRoot} folder (products live in ${catalogRoot}<domain>/<product>/product.yaml)`;
  return new UsageError(
    `No catalog found in ${where}: ${settings}${what}. Run steward validate in a repository with a catalog, or pass its root: steward validate DIR.`,
  );
}

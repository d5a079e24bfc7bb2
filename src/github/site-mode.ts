// Mode site runs `steward site` itself — the same reading, building and writing — rather than a copy of it that
// could drift: the one place the Action takes code from the CLI shell (the lead may move fs-source.ts and the site
// writer to a module both shells share instead).
/* eslint-disable no-restricted-imports */
import { appendFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadCatalog } from '../catalog/load.js';
import { runSite } from '../cli/commands/site.js';
import { readDirectorySource } from '../cli/fs-source.js';
import { exitCodes, type CliIo } from '../cli/io.js';
import { ConfigurationError } from '../core/errors.js';
import { renderFindingsGithub } from '../render/findings.js';

/**
 * `mode: site`, for a workflow that publishes the catalog site (README, "Publishing the catalog site"): the site of
 * the checked-out workspace, built by the code `steward site` runs, into the `site-out` input (default `site`,
 * relative to the workspace), its path as the step's `site-path` output. A catalog with errors fails the step, each
 * finding an `::error file=…` annotation, and writes nothing. Request access links point at the job's repository
 * (GITHUB_SERVER_URL, GITHUB_REPOSITORY). Returns the site's path.
 */
export async function runSiteAction(env: NodeJS.ProcessEnv): Promise<string> {
  const workspace = env['GITHUB_WORKSPACE'] || process.cwd();
  const out = resolve(workspace, env['INPUT_SITE-OUT']?.trim() || 'site');
  const log: string[] = [];
  const io: CliIo = {
    cwd: workspace,
    env,
    out: (text) => process.stdout.write(text),
    err: (text) => log.push(text),
  };
  const code = await runSite(io, workspace, { out });
  if (code === exitCodes.findings) {
    // Only a failed build reads the catalog a second time, to place each finding on its file and line.
    const { findings } = loadCatalog(await readDirectorySource(workspace));
    process.stdout.write(renderFindingsGithub(findings));
    throw new ConfigurationError('The catalog has errors (annotated above); no site was built. Fix them first.');
  }
  if (code !== exitCodes.ok) throw new ConfigurationError(`steward site failed: ${log.join('').trim()}`);
  if (env['GITHUB_OUTPUT']) await appendFile(env['GITHUB_OUTPUT'], `site-path=${out}\n`);
  if (env['GITHUB_STEP_SUMMARY'])
    await appendFile(env['GITHUB_STEP_SUMMARY'], `Built the catalog site into \`${out}\`.\n`);
  return out;
}

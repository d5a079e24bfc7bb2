import type { Command } from 'commander';
import { loadCatalog } from '../../catalog/load.js';
import { hasErrors } from '../../core/findings.js';
import { exitCodes, parseFormat, type CliIo } from '../io.js';
import { readDirectorySource } from '../fs-source.js';
import type { Runner } from '../program.js';
import { findingsToJson, renderFindingsGithub, renderFindingsText } from '../../render/findings.js';
import { findRepoRoot } from '../git/repo-root.js';
import { resolve } from 'node:path';

export function registerValidate(program: Command, io: CliIo, run: Runner): void {
  program
    .command('validate')
    .description('Validate the catalog, rules and settings of a repository (no servers needed).')
    .argument('[dir]', 'repository root (default: the git repository around the current directory)')
    .option('--format <format>', 'text, json or github', 'text')
    .action((dir: string | undefined, options: { format: string }) =>
      run(async () => {
        const format = parseFormat(options.format, ['text', 'json', 'github']);
        const root = dir === undefined ? findRepoRoot(io.cwd) : resolve(io.cwd, dir);
        const { findings } = loadCatalog(await readDirectorySource(root));
        if (format === 'json') io.out(`${JSON.stringify({ findings: findingsToJson(findings) }, null, 2)}\n`);
        else io.out(format === 'github' ? renderFindingsGithub(findings) : renderFindingsText(findings));
        return hasErrors(findings) ? exitCodes.findings : exitCodes.ok;
      })(),
    );
}

import type { Command } from 'commander';
import { planToJson, renderPlanText } from '../../render/plan.js';
import { reportPlan, withClusterOptions, type ClusterOptions } from '../cluster.js';
import { exitCodes, type CliIo } from '../io.js';
import type { Runner } from '../program.js';
import { parseOutput } from './plan.js';

export function registerDrift(program: Command, io: CliIo, run: Runner): void {
  withClusterOptions(program.command('drift'))
    .description('Compare the cluster and the registry with the catalog; exit 3 when they differ.')
    .option('--format <format>', 'text or json', 'text')
    .action((dir: string | undefined, options: ClusterOptions) =>
      run(async () => {
        const format = parseOutput(options.format);
        return reportPlan(io, dir, options, (operations, notices) => {
          if (format === 'json') io.out(`${JSON.stringify(planToJson(operations, notices), null, 2)}\n`);
          else if (operations.length === 0) io.out('No drift: the cluster and the registry match the catalog.\n');
          else
            io.out(
              `Drift: ${operations.length} difference(s) between the catalog and the cluster; \`steward apply\` would:\n${renderPlanText(operations, notices)}`,
            );
          return operations.length === 0 ? exitCodes.ok : exitCodes.drift;
        });
      })(),
    );
}

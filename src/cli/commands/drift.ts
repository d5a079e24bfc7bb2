import type { Command } from 'commander';
import { planCluster } from '../../apply/run.js';
import { planToJson, renderPlanText } from '../../plan/render.js';
import { connectCluster, loadDesired, withClusterOptions, type ClusterOptions } from '../cluster.js';
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
        const desired = await loadDesired(io, dir, options);
        if (!desired) return exitCodes.findings;
        const ports = connectCluster(io, options);
        try {
          const { operations } = await planCluster(desired, ports);
          if (format === 'json') io.out(`${JSON.stringify(planToJson(operations, desired.notices), null, 2)}\n`);
          else if (operations.length === 0) io.out('No drift: the cluster and the registry match the catalog.\n');
          else
            io.out(
              `Drift: ${operations.length} difference(s) between the catalog and the cluster; \`steward apply\` would:\n${renderPlanText(operations, desired.notices)}`,
            );
          return operations.length === 0 ? exitCodes.ok : exitCodes.drift;
        } finally {
          await ports.kafka.close();
        }
      })(),
    );
}

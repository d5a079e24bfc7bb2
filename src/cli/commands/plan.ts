import type { Command } from 'commander';
import { planToJson, renderPlanMarkdown, renderPlanText } from '../../render/plan.js';
import { reportPlan, withClusterOptions, type ClusterOptions } from '../cluster.js';
import { exitCodes, parseFormat, UsageError, type CliIo } from '../io.js';
import type { Runner } from '../program.js';

export function registerPlan(program: Command, io: CliIo, run: Runner): void {
  withClusterOptions(program.command('plan'))
    .description('Show what apply would change on the cluster and the registry (read-only).')
    .option('--format <format>', 'text, markdown or json', 'text')
    .action((dir: string | undefined, options: ClusterOptions) =>
      run(async () => {
        const format = parseOutput(options.format);
        return reportPlan(io, dir, options, (operations, notices) => {
          if (format === 'json') io.out(`${JSON.stringify(planToJson(operations, notices), null, 2)}\n`);
          else io.out((format === 'markdown' ? renderPlanMarkdown : renderPlanText)(operations, notices));
          return exitCodes.ok;
        });
      })(),
    );
}

export function parseOutput(value: string): 'text' | 'markdown' | 'json' {
  if (value === 'markdown') return value;
  const format = parseFormat(value, ['text', 'json']);
  if (format === 'github') throw new UsageError('Unknown format "github"; use one of: text, markdown, json.');
  return format;
}

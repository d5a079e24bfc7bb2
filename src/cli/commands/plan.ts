import { hasErrors } from '../../core/findings.js';
import { planToJson, renderPlanMarkdown, renderPlanText } from '../../render/plan.js';
import { environmentLine, reportPlan } from '../cluster.js';
import type { ClusterOptions, CommandResult } from '../declare.js';
import { exitCodes, parseFormat, UsageError, type CliIo } from '../io.js';

/** `steward plan`: what apply would change on one environment, read-only. */
export async function runPlan(io: CliIo, dir: string | undefined, options: ClusterOptions): CommandResult {
  const format = parseOutput(options.format);
  return reportPlan(io, dir, options, (operations, notices, findings, context) => {
    if (format === 'json')
      io.out(
        `${JSON.stringify({ environment: context.environment, ...planToJson(operations, notices, findings) }, null, 2)}\n`,
      );
    else if (format === 'markdown')
      io.out(
        `**Environment:** ${context.environment}\n\n${renderPlanMarkdown(operations, notices, Infinity, findings)}`,
      );
    else io.out(`${environmentLine(context)}${renderPlanText(operations, notices, findings)}`);
    // A plan the cluster would refuse is not one apply will start.
    return hasErrors(findings) ? exitCodes.findings : exitCodes.ok;
  });
}

export function parseOutput(value: string): 'text' | 'markdown' | 'json' {
  if (value === 'markdown') return value;
  const format = parseFormat(value, ['text', 'json']);
  if (format === 'github') throw new UsageError('Unknown format "github"; use one of: text, markdown, json.');
  return format;
}

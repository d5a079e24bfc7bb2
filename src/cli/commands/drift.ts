import { planToJson, renderPlanText } from '../../render/plan.js';
import { reportPlan } from '../cluster.js';
import type { ClusterOptions, CommandResult } from '../declare.js';
import { exitCodes, type CliIo } from '../io.js';
import { parseOutput } from './plan.js';

/** `steward drift`: the cluster and the registry against the catalog; exit 3 when they differ. */
export async function runDrift(io: CliIo, dir: string | undefined, options: ClusterOptions): CommandResult {
  const format = parseOutput(options.format);
  return reportPlan(io, dir, options, (operations, notices, findings) => {
    if (format === 'json') io.out(`${JSON.stringify(planToJson(operations, notices, findings), null, 2)}\n`);
    else if (operations.length === 0) io.out('No drift: the cluster and the registry match the catalog.\n');
    else
      io.out(
        `Drift: ${operations.length} difference(s) between the catalog and the cluster; \`steward apply\` would:\n${renderPlanText(operations, notices, findings)}`,
      );
    return operations.length === 0 ? exitCodes.ok : exitCodes.drift;
  });
}

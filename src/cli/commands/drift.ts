import { planToJson, renderPlanText } from '../../render/plan.js';
import { reportPlan } from '../cluster.js';
import type { ClusterOptions, CommandResult } from '../declare.js';
import { exitCodes, type CliIo } from '../io.js';
import { parseOutput } from './plan.js';

/** `steward drift`: one environment's cluster and registry against the catalog; exit 3 when they differ. */
export async function runDrift(io: CliIo, dir: string | undefined, options: ClusterOptions): CommandResult {
  const format = parseOutput(options.format);
  return reportPlan(io, dir, options, (operations, notices, findings, { environment, cluster }) => {
    const drift = operations.length > 0;
    if (format === 'json')
      io.out(
        `${JSON.stringify({ environment, cluster, drift, ...planToJson(operations, notices, findings) }, null, 2)}\n`,
      );
    else if (!drift)
      io.out(`No drift in environment ${environment}: the cluster and the registry match the catalog.\n`);
    else {
      const apply = `steward apply${environmentFlag(options.env)}`;
      io.out(
        `Drift in environment ${environment}: ${operations.length} difference(s) between the catalog and the cluster; \`${apply}\` would:\n${renderPlanText(operations, notices, findings)}`,
      );
    }
    return drift ? exitCodes.drift : exitCodes.ok;
  });
}

function environmentFlag(env: string | undefined): string {
  return env === undefined ? '' : ` --env ${env}`;
}

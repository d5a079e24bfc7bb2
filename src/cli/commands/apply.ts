import { resolve } from 'node:path';
import { applyOnCluster, planOnCluster, type SessionTarget } from '../../apply/session.js';
import type { DesiredState } from '../../plan/state.js';
import { hasErrors } from '../../core/findings.js';
import { planToJson, renderPlanText, renderRefusalsText, renderReportText, reportToJson } from '../../render/plan.js';
import { environmentLine, selectCluster, type PlanContext } from '../cluster.js';
import { exitCodes, type CliIo } from '../io.js';
import type { ApplyOptions, CommandResult } from '../declare.js';
import { recordApply, recordedCommit } from '../record.js';
import { findRepoRoot } from '../git/repo-root.js';
import { parseOutput } from './plan.js';

/** `steward apply`: makes one environment's cluster and registry match the catalog. */
export async function runApply(io: CliIo, dir: string | undefined, options: ApplyOptions): CommandResult {
  const format = parseOutput(options.format);
  const root = dir === undefined ? findRepoRoot(io.cwd) : resolve(io.cwd, dir);
  // Checked before anything changes: a record must name the commit whose catalog is applied.
  const commit = options.record && !options.dryRun ? await recordedCommit(root) : undefined;
  const selected = await selectCluster(io, dir, options);
  if (!selected) return exitCodes.findings;
  const { target, desired } = selected;
  const environment = selected.environment.name;
  if (options.dryRun) return printDryRun(io, target, desired, format, environment);
  const applied = await applyOnCluster(target, desired, {
    breakLock: options.breakLock === true,
    registeredVersions: commit !== undefined,
  });
  const { outcomes } = applied;
  const notices = [...desired.notices, ...applied.warnings];
  const head = environmentLine({ environment, cluster: applied.cluster });
  if (hasErrors(applied.findings)) {
    // Nothing was attempted: the plan holds what the cluster or the registry would refuse.
    if (format === 'json')
      io.out(
        `${JSON.stringify({ environment, ...planToJson(applied.operations, notices, applied.findings) }, null, 2)}\n`,
      );
    else
      io.out(
        `${head}${renderRefusalsText(applied.findings)}Applied: nothing (0 operations attempted of ${applied.operations.length} planned).\n`,
      );
    return exitCodes.findings;
  }
  if (format === 'json') io.out(`${JSON.stringify({ environment, ...reportToJson(outcomes, notices) }, null, 2)}\n`);
  else io.out(`${head}${renderReportText(outcomes, notices)}`);
  if (commit) io.err(await recordApply(root, commit, outcomes, applied.cluster, new Date().toISOString()));
  // An unknown outcome is not a success either: the run has not converged until a plan settles it.
  return outcomes.some((o) => o.status === 'failed' || o.status === 'skipped' || o.status === 'unknown')
    ? exitCodes.findings
    : exitCodes.ok;
}

async function printDryRun(
  io: CliIo,
  target: SessionTarget,
  desired: DesiredState,
  format: ReturnType<typeof parseOutput>,
  environment: string,
): CommandResult {
  const { operations, findings, cluster } = await planOnCluster(target, desired);
  const context: PlanContext = { environment, cluster };
  if (format === 'json')
    io.out(`${JSON.stringify({ environment, ...planToJson(operations, desired.notices, findings) }, null, 2)}\n`);
  else
    io.out(
      `Dry run: nothing was changed.\n${environmentLine(context)}${renderPlanText(operations, desired.notices, findings)}`,
    );
  return hasErrors(findings) ? exitCodes.findings : exitCodes.ok;
}

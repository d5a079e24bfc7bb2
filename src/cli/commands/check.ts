import { resolve } from 'node:path';
import { loadCatalog, type LoadCache } from '../../catalog/load.js';
import { catalogPath } from '../../catalog/model.js';
import { historyProducts, touchedFolders } from '../../catalog/scope.js';
import type { SchemaSnapshot } from '../../catalog/schema-history.js';
import type { ChangedPath, SourceTree } from '../../core/source.js';
import { evaluateChange, type ChangeReport } from '../../policy/evaluate-change.js';
import { evaluatePullRequest, type Evaluation } from '../../policy/evaluate-pull-request.js';
import { readDirectorySource } from '../fs-source.js';
import { readSchemaSnapshots } from '../git/history.js';
import { baseTreeFrom, changedPaths, readGitEntries, resolveCommit } from '../git/source.js';
import { exitCodes, parseFormat, parseToday, UsageError, type CliIo } from '../io.js';
import type { CheckOptions, CommandResult } from '../declare.js';
import { renderCheckGithub, renderCheckJson, renderCheckText } from '../../render/check-report.js';
import { findRepoRoot } from '../git/repo-root.js';
import { readReviewSnapshot } from '../reviews-file.js';

/** `steward check`: a pull request's checks on a local git range (head defaults to the working tree). */
export async function runCheck(io: CliIo, options: CheckOptions): CommandResult {
  const format = parseFormat(options.format, ['text', 'json', 'github']);
  const today = parseToday(options.today);
  const repo = findRepoRoot(io.cwd);
  const base = await commit(repo, options.base);
  const head = options.head === undefined ? undefined : await commit(repo, options.head);
  const report = await checkRange(repo, base, head, today);
  const reviews = options.reviews === undefined ? undefined : resolve(io.cwd, options.reviews);
  const evaluation = reviews ? evaluatePullRequest(report, await readReviewSnapshot(repo, head, reviews)) : undefined;
  const render = format === 'json' ? renderCheckJson : format === 'github' ? renderCheckGithub : renderCheckText;
  io.out(render(evaluation?.report ?? report, evaluation));
  return passes(report, evaluation) ? exitCodes.ok : exitCodes.findings;
}

/** Without reviews the change passes when nothing blocks; with them, also when every requirement is met. */
function passes(report: ChangeReport, evaluation: Evaluation | undefined): boolean {
  if (!evaluation) return !report.blocking;
  return !evaluation.report.blocking && evaluation.approvals.every((a) => a.status === 'met');
}

async function commit(repo: string, rev: string): Promise<string> {
  const sha = await resolveCommit(repo, rev).catch(() => '');
  if (!sha) throw new UsageError(`"${rev}" is not a commit in ${repo}.`);
  return sha;
}

/** Gathers both trees (sharing unchanged entries) and the history of changed schemas, then evaluates. */
async function checkRange(repo: string, base: string, head: string | undefined, today: string) {
  // git compares the trees in its own process while this one lists the working tree.
  const changing = changedPaths(repo, base, head);
  const headTree = head ? await readGitEntries(repo, head) : await readDirectorySource(repo);
  const changed = await changing;
  const baseTree = await baseTreeFrom(repo, base, headTree, changed);
  const folders = touchedFolders(changed);
  const deep = (id: string) => folders.has(id);
  const cache: LoadCache = new Map();
  const headLoad = loadCatalog(headTree, { deep, cache });
  const baseLoad = loadCatalog(baseTree, { deep, cache });
  const history = await schemaHistories(repo, base, changed, baseTree);
  return evaluateChange({ base: baseLoad, head: headLoad, history, today });
}

/** The schema history of every base product the change needs one of (catalog/scope historyProducts). */
async function schemaHistories(repo: string, base: string, changed: readonly ChangedPath[], baseTree: SourceTree) {
  const history = new Map<string, SchemaSnapshot[]>();
  for (const id of historyProducts(changed, baseTree))
    history.set(id, await readSchemaSnapshots(repo, catalogPath(id, ''), base));
  return history;
}

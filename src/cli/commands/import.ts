import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadCatalog } from '../../catalog/load.js';
import type { Catalog } from '../../catalog/model.js';
import { ExternalServiceError, StewardError } from '../../core/errors.js';
import { hasErrors } from '../../core/findings.js';
import { redactUrls } from '../../apply/display-url.js';
import { desiredState } from '../../plan/desired.js';
import { overridesFor } from '../../plan/overrides.js';
import { importLiveState, type ImportResult } from '../../import/import.js';
import { readLiveState } from '../../apply/read-live.js';
import { findingsToJson, renderFindingsText } from '../../render/findings.js';
import { clusterTarget } from '../cluster.js';
import type { ClusterOptions, CommandResult } from '../declare.js';
import { readDirectorySource } from '../fs-source.js';
import { findRepoRoot } from '../git/repo-root.js';
import { exitCodes, parseFormat, UsageError, type CliIo } from '../io.js';

export interface ImportOptions extends ClusterOptions {
  readonly owner: string;
  readonly prefix?: string;
  readonly out?: string;
}

/** A GitHub user (`octocat`) or team (`@acme/platform`), as manifests name parties. */
const party = /^(@[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9][A-Za-z0-9._-]*|[A-Za-z0-9][A-Za-z0-9-]*)$/;

/**
 * `steward import`: reads what the cluster and the registry hold that the catalog does not own (read-only), and
 * writes it into the repository as product folders. Exit 1 when something could not be inferred (an error
 * finding: the files say where a decision is needed), 0 otherwise.
 */
export async function runImport(io: CliIo, options: ImportOptions): CommandResult {
  const format = parseFormat(options.format, ['text', 'json']);
  if (!party.test(options.owner))
    throw new UsageError(
      `--owner "${options.owner}" is not a GitHub user or team; give the accountable party, e.g. --owner @acme/platform.`,
    );
  const root = options.out === undefined ? findRepoRoot(io.cwd) : resolve(io.cwd, options.out);
  const { catalog, findings } = loadCatalog(existsSync(root) ? await readDirectorySource(root) : new Map());
  if (catalog.brokenProducts.size > 0) {
    io.err(renderFindingsText(findings.filter((f) => f.severity === 'error')));
    io.err(
      `steward: ${catalog.brokenProducts.size} product manifest(s) do not validate, so what the catalog owns is unknown; fix them (steward validate) and import again. Nothing was read or written.\n`,
    );
    return exitCodes.findings;
  }
  const target = clusterTarget(io, options, catalog.settings);
  const result = await readAndImport(catalog, target, options);
  writeImport(root, catalog, result);
  if (format === 'json')
    io.out(
      `${JSON.stringify({ products: result.products, topics: result.topics, subjects: result.subjects, files: [...result.files.keys()], findings: findingsToJson(result.findings) }, null, 2)}\n`,
    );
  else {
    io.out(
      `Imported ${result.topics.length} topic(s) and ${result.subjects.length} subject(s) into ${result.products.length} product(s); wrote ${result.files.size} file(s) under ${root}.\n`,
    );
    if (result.findings.length > 0) io.out(renderFindingsText(result.findings));
    io.out('Next: steward validate, then steward plan (it should have nothing to create or change).\n');
  }
  return hasErrors(result.findings) ? exitCodes.findings : exitCodes.ok;
}

/** Connect → read (read-only) → disconnect → import. Client errors leave as ExternalServiceError, URLs cut. */
async function readAndImport(
  catalog: Catalog,
  target: ReturnType<typeof clusterTarget>,
  options: ImportOptions,
): Promise<ImportResult> {
  const desired = desiredState(catalog);
  const ports = target.connect();
  try {
    const live = await readLiveState(ports.kafka, ports.registry, {
      ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
      ownedTopics: new Set([...desired.topics.map((t) => t.name), ...desired.retired.topics]),
      ownedSubjects: new Set([...desired.subjects.map((s) => s.subject), ...desired.retired.subjects]),
    });
    return importLiveState(catalog, live, {
      owner: options.owner,
      source: target.environment.implicit ? ports.name : `environment ${target.environment.name}`,
      overrides: (product) => overridesFor(target.environment, product),
      ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
      ...(target.replicationFactorOverride === undefined
        ? {}
        : { replicationFactorOverride: target.replicationFactorOverride }),
    });
  } catch (error) {
    if (error instanceof StewardError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ExternalServiceError('cluster', redactUrls(message), { retryable: true, cause: error });
  } finally {
    await ports.kafka.close().catch(() => undefined);
  }
}

/**
 * Writes the import under `root`. It adds files and extends the catalog's own manifests, and never replaces a file
 * it did not read: a clash (a stray file where a new one goes) is refused before anything is written.
 */
export function writeImport(root: string, catalog: Catalog, result: Pick<ImportResult, 'files'>): void {
  const manifests = new Set([...catalog.products.keys()].map((id) => `catalog/${id}/product.yaml`));
  const clash = [...result.files.keys()].find((path) => !manifests.has(path) && existsSync(join(root, path)));
  if (clash)
    throw new UsageError(
      `${clash} exists already and import would replace it; move it away (or import into another --out directory). Nothing was written.`,
    );
  for (const [path, text] of result.files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

import type { Command } from 'commander';
import { compatibilityLevels } from '../schema/compat-levels.js';
import { declareExport, declareRequestAccess } from './declare-exports.js';
import { describeUse } from './help.js';
import type { CliIo } from './io.js';

/** A command's action resolves to its exit code. */
export type CommandResult = Promise<number>;
export type Runner = (action: () => CommandResult) => () => Promise<void>;

/**
 * Every command's flags, help, exit codes and example, declared without loading what the command runs: each action
 * imports its module when it is called, so `steward --help` or `compat` never loads the Kafka client or Probot.
 */
export function declareCommands(program: Command, io: CliIo, run: Runner): void {
  declareValidate(program, io, run);
  declareCompat(program, io, run);
  declareCheck(program, io, run);
  declareAudit(program, io, run);
  declarePlan(program, io, run);
  declareApply(program, io, run);
  declareDrift(program, io, run);
  declareImport(program, io, run);
  declareSite(program, io, run);
  declareExport(program, io, run);
  declareRequestAccess(program, io, run);
}

const repoArgument = 'repository root (default: the git repository around the current directory)';
const todayOption = 'the date for date rules, YYYY-MM-DD (default: today, UTC)';

function declareValidate(program: Command, io: CliIo, run: Runner): void {
  const command = program
    .command('validate')
    .description(
      'Lint the whole catalog, rules and settings: validity and every governance rule one catalog can answer (no servers needed).',
    )
    .argument('[dir]', repoArgument)
    .option('--today <date>', todayOption)
    .option('--format <format>', 'text, json or github', 'text')
    .action((dir: string | undefined, options: { format: string; today?: string }) =>
      run(async () => (await import('./commands/validate.js')).runValidate(io, dir, options))(),
    );
  describeUse(
    command,
    { 0: 'no errors (warnings may be listed)', 1: 'errors found', 2: 'usage error, or no catalog where it looked' },
    'steward validate --format github',
  );
}

function declareCompat(program: Command, io: CliIo, run: Runner): void {
  const command = program
    .command('compat')
    .description(
      'Check an Avro schema against its earlier versions as the Schema Registry would, explaining each break.',
    )
    .requiredOption('-l, --level <level>', `compatibility level: ${compatibilityLevels.join(', ')}`)
    .option('-f, --format <format>', 'output format: text or json', 'text')
    .option('-r, --reference <file>', 'an .avsc defining named types the schemas reference (repeatable)', collect, [])
    .argument('<candidate>', 'the new .avsc')
    .argument('[previous...]', 'earlier versions of the .avsc, oldest first')
    .action((candidate: string, previous: string[], options: { level: string; format: string; reference: string[] }) =>
      run(async () => (await import('./commands/compat.js')).runCompat(io, candidate, previous, options))(),
    );
  describeUse(
    command,
    { 0: 'compatible', 1: 'incompatible (each break explained)', 2: 'usage error, or a schema that is not valid Avro' },
    'steward compat --level BACKWARD orders-v2.avsc orders-v1.avsc',
  );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const reviewsHelp = `
--reviews FILE is one JSON object; every field but "author" may be left out:
  {
    "author": "alice",
    "reviews": [{ "reviewer": "olivia", "state": "APPROVED", "commit": "<sha or revision>",
                  "submittedAt": "2026-11-22T10:00:00Z" }],
    "teams": { "@acme/orders": ["olivia"] },
    "comments": [{ "author": "olivia", "body": "/steward accept-breaking <reason>",
                   "url": "https://...", "edited": false, "bot": false }]
  }
A state is APPROVED, CHANGES_REQUESTED, COMMENTED or DISMISSED. An approval counts if nothing it covers changed
between its commit and the head (local git tells; a commit git does not know makes it stale). Approvals and
waivers are judged as the GitHub App judges them; the exit code is 1 unless every requirement is met.
`;

export interface CheckOptions {
  readonly base: string;
  readonly head?: string;
  readonly format: string;
  readonly today?: string;
  readonly reviews?: string;
}

function declareCheck(program: Command, io: CliIo, run: Runner): void {
  const command = program
    .command('check')
    .description(
      'Check a change as a pull request would be checked: validity, compatibility, rules, impact, approvals.',
    )
    .requiredOption('--base <rev>', 'the base revision (what the pull request merges into)')
    .option('--head <rev>', 'the head revision (default: the working tree)')
    .option('--format <format>', 'text, json or github', 'text')
    .option('--today <date>', todayOption)
    .option('--reviews <file>', 'judge approvals and waivers from this snapshot of reviews, teams and comments')
    .addHelpText('after', reviewsHelp)
    .action((options: CheckOptions) => run(async () => (await import('./commands/check.js')).runCheck(io, options))());
  describeUse(
    command,
    {
      0: 'nothing blocks (with --reviews: and every requirement is met)',
      1: 'blocking findings, or (with --reviews) a requirement pending',
      2: 'usage error',
    },
    'steward check --base origin/main --reviews reviews.json',
  );
}

export interface AuditOptions {
  readonly since?: string;
  readonly format: string;
  readonly schema?: string;
  readonly version?: string;
}

function declareAudit(program: Command, io: CliIo, run: Runner): void {
  const command = program
    .command('audit')
    .description('Show the audit timeline of a product or path from git history and refs/notes/steward.')
    .argument('[target]', 'a product id (commerce/sales/orders) or a repository path (default: the whole catalog)')
    .option('--since <date>', 'only changes after this date (anything git log --since accepts)')
    .option('--schema <subject>', 'find which commit and PR produced a registry version of this subject')
    .option('--version <n>', 'the version, with --schema')
    .option('--format <format>', 'text or json', 'text')
    .action((target: string | undefined, options: AuditOptions) =>
      run(async () => (await import('./commands/audit.js')).runAudit(io, target, options))(),
    );
  describeUse(
    command,
    { 0: 'the timeline or the record was found', 1: 'no such product, path or registry version', 2: 'usage error' },
    'steward audit commerce/sales/orders --since 2026-01-01',
  );
}

export interface ClusterOptions {
  /** An environment of .github/steward.yml; absent: the implicit one of STEWARD_KAFKA_* / STEWARD_REGISTRY_*. */
  readonly env?: string;
  readonly brokers?: string;
  readonly registry?: string;
  readonly replicationFactor?: string;
  /** A commit whose catalog was applied before: the consumer groups it named and the tree no longer names are revoked. */
  readonly base?: string;
  readonly format: string;
}

const environmentsHelp = `
Environments: --env NAME works on one environment of .github/steward.yml (environments:, in promotion order),
connected through the variables it names and with its overrides (replication factor, partitions, topic configs)
applied; each value an override decides is marked in the plan, e.g. "replication 1 (override: environment local)".
Without --env, STEWARD_KAFKA_BROKERS, STEWARD_REGISTRY_URL (and their auth variables) are the implicit environment
"default" (or STEWARD_CLUSTER_NAME), without overrides. --brokers and --registry win over either.
`;

/** The flags plan, apply and drift share. Secrets are read from the environment only, never from flags. */
/** Where the cluster and the registry are when they are named on the command line, not by an environment. */
function withEndpointOptions(command: Command): Command {
  return command
    .option('--brokers <list>', 'Kafka bootstrap servers, comma-separated (default: from the environment)')
    .option('--registry <url>', 'Confluent-API registry URL (default: from the environment)');
}

function withClusterOptions(command: Command): Command {
  return withEndpointOptions(
    command
      .argument('[dir]', repoArgument)
      .option('--env <name>', 'the environment of .github/steward.yml to work on (default: the STEWARD_* variables)'),
  )
    .option(
      '--base <rev>',
      'the commit last applied: consumer groups its input ports named that the catalog no longer names lose their ACLs too',
    )
    .option(
      '--replication-factor <n>',
      "deprecated: replace every topic's replication factor (default: $STEWARD_REPLICATION_FACTOR_OVERRIDE); declare an environment with overrides.replicationFactor instead",
    )
    .addHelpText('after', environmentsHelp);
}

function declarePlan(program: Command, io: CliIo, run: Runner): void {
  const command = withClusterOptions(program.command('plan'))
    .description(
      "Show what apply would change on one environment's cluster and registry, overrides marked (read-only).",
    )
    .option('--format <format>', 'text, markdown or json', 'text')
    .action((dir: string | undefined, options: ClusterOptions) =>
      run(async () => (await import('./commands/plan.js')).runPlan(io, dir, options))(),
    );
  describeUse(
    command,
    {
      0: 'the plan was made (it may hold steps)',
      1: 'catalog errors, or findings that block the plan',
      2: 'usage error (an unknown --env lists the environments there are), or the cluster or registry unreachable',
    },
    'steward plan --env local --format json',
  );
}

export interface ApplyOptions extends ClusterOptions {
  readonly dryRun?: boolean;
  readonly breakLock?: boolean;
  readonly record?: boolean;
}

function declareApply(program: Command, io: CliIo, run: Runner): void {
  const command = withClusterOptions(program.command('apply'))
    .description("Make one environment's cluster and registry match the catalog; report every operation's outcome.")
    .option('--dry-run', 'plan only: print what would be done, change nothing')
    .option('--break-lock', "take over the cluster's apply lock left by an apply that is known to be gone")
    .option(
      '--record',
      'write the audit record (every outcome, registry versions) as a git note on HEAD under refs/notes/steward',
    )
    .option('--format <format>', 'text or json', 'text')
    .action((dir: string | undefined, options: ApplyOptions) =>
      run(async () => (await import('./commands/apply.js')).runApply(io, dir, options))(),
    );
  describeUse(
    command,
    {
      0: 'every operation succeeded (or nothing to do)',
      1: 'catalog errors or blocking plan findings (nothing attempted), or an operation failed',
      2: 'usage error (an unknown --env lists the environments there are), a variable the environment names unset, the cluster unreachable, or the apply lock held',
    },
    'steward apply --env local',
  );
}

function declareDrift(program: Command, io: CliIo, run: Runner): void {
  const command = withClusterOptions(program.command('drift'))
    .description(
      "Compare one environment's cluster and registry with the catalog; exit 3 (naming the environment) when they differ.",
    )
    .option('--format <format>', 'text or json', 'text')
    .action((dir: string | undefined, options: ClusterOptions) =>
      run(async () => (await import('./commands/drift.js')).runDrift(io, dir, options))(),
    );
  describeUse(
    command,
    {
      0: 'no drift',
      1: 'catalog errors',
      2: 'usage error (an unknown --env lists the environments there are), or the cluster or registry unreachable',
      3: 'drift found: the output names the environment and what `steward apply --env NAME` would do',
    },
    'steward drift --env prod --format json',
  );
}

function declareImport(program: Command, io: CliIo, run: Runner): void {
  const command = withEndpointOptions(
    program
      .command('import')
      .description(
        'Write product folders (manifests and schemas) for what the cluster and the registry hold that the catalog does not own (read-only).',
      )
      .requiredOption(
        '--owner <party>',
        'the accountable party of every imported product and domain, e.g. @acme/platform',
      )
      .option('--prefix <prefix>', 'only topics (and subjects) whose names start with this')
      .option('--out <dir>', 'the repository to write into (default: the git repository around the current directory)')
      .option(
        '--env <name>',
        'the environment of .github/steward.yml to read; values its overrides give are left out (default: the STEWARD_* variables)',
      ),
  )
    .option(
      '--replication-factor <n>',
      'deprecated: the replication override the cluster is planned with (default: $STEWARD_REPLICATION_FACTOR_OVERRIDE)',
    )
    .option('--format <format>', 'text or json', 'text')
    .action((options: import('./commands/import.js').ImportOptions) =>
      run(async () => (await import('./commands/import.js')).runImport(io, options))(),
    );
  describeUse(
    command,
    {
      0: 'imported; nothing left to decide',
      1: 'imported, with findings that need a decision (or catalog manifests that do not validate)',
      2: 'usage error, or the cluster or registry unreachable',
    },
    'steward import --env prod --owner @acme/platform --prefix sales.',
  );
}

function declareSite(program: Command, io: CliIo, run: Runner): void {
  const command = program
    .command('site')
    .description(
      "Build the catalog's static site (product, domain and owner pages, catalog.json) that works from file:// and any static host.",
    )
    .argument('[dir]', repoArgument)
    .option('--out <dir>', 'the folder to write the site into (default: site/ in the repository)')
    .option('--lineage-depth <n>', 'how many input ports away each product page follows lineage (default: 3)')
    .option('--no-history', "leave out the schemas' version history (read from git and refs/notes/steward)")
    .option('--repo-url <url>', "the repository's web URL for Request access links (default: Actions' or origin's)")
    .option('--branch <name>', 'the branch those pull requests target (default: the applying branch, else main)')
    .action(
      (
        dir: string | undefined,
        options: { out?: string; lineageDepth?: string; repoUrl?: string; branch?: string; history?: boolean },
      ) => run(async () => (await import('./commands/site.js')).runSite(io, dir, options))(),
    );
  describeUse(
    command,
    {
      0: 'the site was written',
      1: 'catalog errors (nothing written)',
      2: 'usage error, or an --out folder that holds something else',
    },
    'steward site --out /tmp/site',
  );
}

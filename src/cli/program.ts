import { Command, CommanderError } from 'commander';
import { ConfigurationError, ExternalServiceError, SourceError } from '../core/errors.js';
import { exitCodes, UsageError, type CliIo } from './io.js';
import { registerValidate } from './commands/validate.js';
import { registerCompat } from './commands/compat.js';
import { registerCheck } from './commands/check.js';
import { registerAudit } from './commands/audit.js';
import { registerPlan } from './commands/plan.js';
import { registerApply } from './commands/apply.js';
import { registerDrift } from './commands/drift.js';

/** A command's action resolves to its exit code. */
export type CommandResult = Promise<number>;

/** Builds the `steward` program; each command lives in commands/ and registers itself here. */
export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('steward')
    .description('Mesh Steward: govern a Kafka data mesh from git.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError();
  const run = (action: () => CommandResult) => async () => setExit(await guard(io, action));
  registerValidate(program, io, run);
  registerCompat(program, io, run);
  registerCheck(program, io, run);
  registerAudit(program, io, run);
  registerPlan(program, io, run);
  registerApply(program, io, run);
  registerDrift(program, io, run);
  return program;
}

export type Runner = (action: () => CommandResult) => () => Promise<void>;

async function guard(io: CliIo, action: () => CommandResult): Promise<number> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigurationError || error instanceof SourceError) {
      io.err(`steward: ${error.message}\n`);
      return exitCodes.usage;
    }
    if (error instanceof ExternalServiceError) {
      io.err(`steward: ${error.message}${error.retryable ? ' (retrying may help)' : ''}\n`);
      return exitCodes.usage;
    }
    throw error;
  }
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code; never calls process.exit. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = exitCodes.ok;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    io.err(`steward: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return exitCodes.usage;
  }
  return code;
}

import { Command, CommanderError } from 'commander';
import { ConfigurationError, ExternalServiceError, SourceError } from '../core/errors.js';
import { exitCodes, UsageError, type CliIo } from './io.js';
import { declareCommands, type CommandResult } from './declare.js';
import { stewardVersion } from './version.js';

/** Builds the `steward` program: declare.ts declares each command, which loads its module from commands/ when run. */
export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('steward')
    .description('Mesh Steward: govern a Kafka data mesh from git.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .version(stewardVersion(), '-V, --version', 'print the version')
    .enablePositionalOptions()
    .showHelpAfterError();
  const run = (action: () => CommandResult) => async () => setExit(await guard(io, action));
  declareCommands(program, io, run);
  return program;
}

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

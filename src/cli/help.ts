import type { Command } from 'commander';

/** What each exit code means for one command; `steward <command> --help` lists them after the options. */
export type ExitCodeHelp = Readonly<Partial<Record<0 | 1 | 2 | 3, string>>>;

/** Adds a command's exit codes and one example to its `--help`. */
export function describeUse(command: Command, codes: ExitCodeHelp, example: string): Command {
  const lines = Object.entries(codes).map(([code, meaning]) => `  ${code}  ${meaning}`);
  return command.addHelpText('after', `\nExit codes:\n${lines.join('\n')}\n\nExample:\n  $ ${example}\n`);
}

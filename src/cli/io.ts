import { calendarDateProblem } from '../catalog/validate-values.js';

/** What a command may touch of the process: the CLI entry passes the real ones, tests pass buffers. */
export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  out(text: string): void;
  err(text: string): void;
}

/**
 * A writer to one of the process's standard streams that a reader may close early (`steward validate | head -1`):
 * a broken pipe ends that stream's output, quietly, and not the command, which runs to its end and keeps its exit
 * code (an apply is never cut short by the pager it prints to). Any other write error still ends the process.
 */
export function writerTo(stream: NodeJS.WriteStream): (text: string) => void {
  let broken = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    broken = true;
  });
  return (text) => {
    if (!broken) stream.write(text);
  };
}

/** Exit codes shared by every command. */
export const exitCodes = {
  ok: 0,
  findings: 1,
  usage: 2,
  drift: 3,
} as const;

export type OutputFormat = 'text' | 'json' | 'github';

export function parseFormat(value: string, allowed: readonly OutputFormat[]): OutputFormat {
  if ((allowed as readonly string[]).includes(value)) return value as OutputFormat;
  throw new UsageError(`Unknown format "${value}"; use one of: ${allowed.join(', ')}.`);
}

/** `--today`: a real calendar date `YYYY-MM-DD` (default: today in UTC); an impossible date is a usage error. */
export function parseToday(value: string | undefined): string {
  if (value === undefined) return new Date().toISOString().slice(0, 10);
  const problem = calendarDateProblem(value);
  if (problem) throw new UsageError(`--today "${value}" ${problem}; give a real date as YYYY-MM-DD.`);
  return value;
}

/** Wrong flags or arguments: exit code 2 with the message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

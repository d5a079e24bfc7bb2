import { execFile } from 'node:child_process';
import { SourceError } from '../../core/errors.js';

/**
 * Enough for any listing, log or batch of blobs a catalog needs (blobs above `maxFileBytes` are never asked for);
 * output beyond it is an operational failure, not a partial answer.
 */
const maxBuffer = 1 << 30;

export interface GitOptions {
  /** Written to git's standard input, then closed. */
  readonly input?: string;
}

/**
 * The one way the CLI runs git: without a shell, in `repo`, with literal pathspecs (a name holding `*`, `?` or `[`
 * matches only itself) and unquoted paths, returning the output as bytes so that file names that are not UTF-8
 * survive `-z` output until the caller decides how to show them. A failure is a `SourceError` naming the command
 * and git's own first line of complaint.
 */
export function runGit(repo: string, args: readonly string[], options: GitOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      ['-c', 'core.quotePath=off', '--literal-pathspecs', ...args],
      { cwd: repo, maxBuffer, encoding: 'buffer' },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const why = firstLine(stderr.toString('utf8')) || firstLine(error.message);
        reject(new SourceError(`git ${args[0] ?? ''} failed in ${repo}: ${why}`, { cause: error }));
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** git's output as UTF-8 text (`trim` drops the final newline of one-value answers such as a sha). */
export async function git(repo: string, args: readonly string[], options: GitOptions & { trim?: boolean } = {}) {
  const text = (await runGit(repo, args, options)).toString('utf8');
  return options.trim ? text.trim() : text;
}

/** Splits `-z` output into its NUL-terminated fields. */
export function nulFields(out: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  for (let start = 0, end = out.indexOf(0); end !== -1; start = end + 1, end = out.indexOf(0, start))
    parts.push(out.subarray(start, end));
  return parts;
}

function firstLine(text: string): string {
  return (text.split('\n').find((l) => l.trim() !== '') ?? '').trim();
}

import { runCli } from '../../src/cli/program.js';

/** The CLI in-process, as a hostile case runs it: exit code and captured output. */
export async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { cwd, env: {}, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

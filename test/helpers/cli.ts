import { runCli } from '../../src/cli/program.js';

/** Runs the CLI in-process with captured output. */
export async function steward(args: string[], cwd = process.cwd()) {
  let out = '';
  let err = '';
  const code = await runCli(args, { cwd, env: {}, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

#!/usr/bin/env node
import { writerTo } from './io.js';
import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  out: writerTo(process.stdout),
  err: writerTo(process.stderr),
});
process.exitCode = code;

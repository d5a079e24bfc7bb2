// Runs `steward check` in-process on a prepared repository, in its own process so peak memory is its own.
import { runCli } from '../dist/src/cli/program.js';

let out = '';
const started = performance.now();
const code = await runCli(['check', '--base', 'HEAD', '--format', 'json', '--today', '2026-11-22'], {
  cwd: process.argv[2],
  env: {},
  out: (s) => (out += s),
  err: (s) => process.stderr.write(s),
});
const ms = Math.round(performance.now() - started);
const report = JSON.parse(out);
console.log(
  JSON.stringify({
    code,
    ms,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
    changes: report.changes.length,
    findings: report.findings.map((f) => f.ruleId),
    approvals: report.approvals.length,
    impact: report.impact.length,
  }),
);

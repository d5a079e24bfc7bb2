import { cli } from './cases.js';

/** One finding as a hostile YAML case asserts it: rule, place, and the sentence a user reads. */
export interface LocatedFinding {
  readonly ruleId: string;
  readonly severity: string;
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  location: { path: string; line: number; column: number };
}

/** `steward validate --format json` on a repository folder: exit code and its findings, flattened. */
export async function validateRepo(dir: string): Promise<{ code: number; findings: LocatedFinding[]; err: string }> {
  const { code, out, err } = await cli(['validate', dir, '--format', 'json'], dir);
  const parsed = out ? (JSON.parse(out) as { findings: JsonFinding[] }) : { findings: [] };
  const findings = parsed.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    path: f.location.path,
    line: f.location.line,
    column: f.location.column,
    message: f.message,
  }));
  return { code, findings, err };
}

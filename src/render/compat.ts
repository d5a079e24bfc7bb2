import type { CompatibilityResult } from '../schema/compat-check.js';
import { findingsToJson, renderFindingLine } from './findings.js';

/** `steward compat` for people: each finding as every command prints it, then the verdict and the level. */
export function renderCompatText(result: CompatibilityResult): string {
  const verdict = result.status === 'invalid' ? 'invalid schema' : result.status;
  return `${[...result.findings.map(renderFindingLine), `${verdict} (${result.level})`].join('\n')}\n`;
}

/** The documented JSON shape: `{ compatible, level, findings }`, findings as every command gives them. */
export function renderCompatJson(result: CompatibilityResult): string {
  const json = {
    compatible: result.status === 'compatible',
    level: result.level,
    findings: findingsToJson(result.findings),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CompatibilityResult } from '../../src/schema/compat-check.js';
import type { SchemaVersion } from '../../src/schema/avro-version.js';

const fixtures = fileURLToPath(new URL('../fixtures/compat/', import.meta.url));

/** A fixture .avsc as a schema version, its path relative to the fixtures folder. */
export function fixture(path: string, label?: string): SchemaVersion {
  return { path, text: readFileSync(fixtures + path, 'utf8'), ...(label !== undefined ? { label } : {}) };
}

/** Findings as exact (ruleId, path, line) tuples, plus the previous line, as rule tests assert them. */
export function tuples(result: CompatibilityResult): [string, string, number, number | undefined][] {
  return result.findings.map((f) => [f.ruleId, f.location.path, f.location.line, f.previousLocation?.line]);
}

/** One field per line, so tests can name the line a finding points at: line 1 is the record, field i is line i + 2. */
export function record(name: string, fields: readonly string[], extra = ''): string {
  return `{"type": "record", "name": "${name}", "namespace": "com.acme"${extra}, "fields": [\n${fields.map((f) => `  ${f}`).join(',\n')}\n]}\n`;
}

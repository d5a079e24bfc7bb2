import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AclBinding, SubjectActual } from '../../src/plan/state.js';
import type { LiveSubject } from '../../src/import/live.js';

export const repoRoot = join(import.meta.dirname, '..', '..');

/** A copy of the example repository (catalog, rules, settings) in a temporary folder. */
export function exampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-import-unit-'));
  for (const part of ['catalog', 'rules', '.github'])
    cpSync(join(repoRoot, part), join(dir, part), { recursive: true });
  return dir;
}

export function writeFiles(dir: string, files: ReadonlyMap<string, string>): void {
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

export const grant = (
  resourceName: string,
  principal: string,
  operation: AclBinding['operation'],
  extra: Partial<AclBinding> = {},
): AclBinding => ({ resourceType: 'topic', resourceName, principal, operation, ...extra });

export const record = (name: string, fields: string[], namespace = 'com.acme.leads') =>
  JSON.stringify({
    type: 'record',
    name,
    namespace,
    doc: `A ${name}.`,
    fields: fields.map((f) => ({ name: f, type: 'string', doc: `The ${f}.` })),
  });

export function subject(
  name: string,
  schemas: string[],
  compatibility: LiveSubject['compatibility'] = 'BACKWARD',
  references: SubjectActual['references'] = [],
): LiveSubject {
  return {
    subject: name,
    compatibility,
    versions: schemas.map((schema, i) => ({
      subject: name,
      version: i + 1,
      id: 100 + i,
      schema,
      references: i === schemas.length - 1 ? references : [],
    })),
  };
}

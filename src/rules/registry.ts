import { avroRules } from './avro.js';
import { compatibilityRules } from './compatibility.js';
import { fileRules } from './files.js';
import { governanceRules } from './governance.js';
import { manifestRules } from './manifests.js';
import type { RuleEntry, RuleTable } from './rule-entry.js';
import { structureRules } from './structure.js';

/** The registry in the order docs/rules.md shows it: one titled section per family of rules. */
export const ruleSections = [
  { title: 'Files and syntax', rules: fileRules },
  { title: 'Manifests', rules: manifestRules },
  { title: 'Avro schemas', rules: avroRules },
  { title: 'Catalog structure and references', rules: structureRules },
  { title: 'Compatibility', rules: compatibilityRules },
  { title: 'Governance', rules: governanceRules },
] as const satisfies readonly { readonly title: string; readonly rules: RuleTable }[];

const registry = {
  ...fileRules,
  ...manifestRules,
  ...avroRules,
  ...structureRules,
  ...compatibilityRules,
  ...governanceRules,
};

/**
 * Every rule id a user can meet in a finding. `Finding.ruleId` has this type, so a finding with an id that is not
 * registered does not compile; ids that arrive as strings go through `isRuleId` or `toRuleId`.
 */
export type RuleId = keyof typeof registry;

/** The compatibility rule ids, which the Avro checker reports. */
export type CompatRuleId = keyof typeof compatibilityRules;

/** The id a schema break that blocks a pull request is reported under, and the one waivers accept. */
export const breakingChangeRuleId = 'BREAKING_CHANGE_NEEDS_MAJOR' satisfies RuleId;

export const ruleIds: readonly RuleId[] = Object.keys(registry) as RuleId[];

export function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(registry, id);
}

/** An id built or read at run time, checked against the registry: an unregistered id is a programming error. */
export function toRuleId(id: string): RuleId {
  if (!isRuleId(id)) throw new Error(`${JSON.stringify(id)} is not a registered rule id (src/rules/).`);
  return id;
}

export function ruleEntry(id: RuleId): RuleEntry {
  return registry[id];
}

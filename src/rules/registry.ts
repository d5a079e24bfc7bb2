import { avroRules } from './avro.js';
import { compatibilityRules } from './compatibility.js';
import { fileRules } from './files.js';
import { governanceRules } from './governance.js';
import { importRules } from './import.js';
import { manifestRules } from './manifests.js';
import { planRules } from './plan.js';
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
  { title: 'Plan', rules: planRules },
  { title: 'Import', rules: importRules },
] as const satisfies readonly { readonly title: string; readonly rules: RuleTable }[];

const registry = {
  ...fileRules,
  ...manifestRules,
  ...avroRules,
  ...structureRules,
  ...compatibilityRules,
  ...governanceRules,
  ...planRules,
  ...importRules,
};

/**
 * Every rule id a user can meet in a finding. `Finding.ruleId` has this type, so a finding with an id that is not
 * registered does not compile; an id that arrives as a string (`/steward explain X`) is checked with `isRuleId`.
 */
export type RuleId = keyof typeof registry;

/** The compatibility rule ids, which the Avro checker reports. */
export type CompatRuleId = keyof typeof compatibilityRules;

/** The id a schema break that blocks a pull request is reported under, and the one waivers accept. */
export const breakingChangeRuleId = 'BREAKING_CHANGE_NEEDS_MAJOR' satisfies RuleId;

export const ruleIds: readonly RuleId[] = Object.keys(registry) as RuleId[];

/** Whether a string read at run time is a registered id (own keys only: `toString` is not one). */
export function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(registry, id);
}

export function ruleEntry(id: RuleId): RuleEntry {
  return registry[id];
}

export { checkCompatibility, checkReaderWriter, compatibilityLevels } from './schema/compat-check.js';
export type { CompatibilityLevel, CompatibilityResult } from './schema/compat-check.js';
export type { SchemaText, SchemaVersion } from './schema/avro-version.js';
export type { Break, CheckResult, CompatRuleId } from './schema/compat-types.js';
export { checkSchemaHistory } from './schema/compat-history.js';
export type { SchemaHistoryEntry } from './schema/compat-history.js';
export type { Finding, Location, Severity } from './core/findings.js';

/** Mesh Steward's engine as a library: load and validate a catalog, plan and apply it to a cluster. */
export type { Finding, Location, Severity } from './core/findings.js';
export { hasErrors, sortFindings } from './core/findings.js';
export { isRuleId, ruleEntry, ruleIds, ruleSections, type RuleId } from './rules/registry.js';
export type { RuleEntry } from './rules/rule-entry.js';
export type { SourceEntry, SourceTree } from './core/source.js';
export { ConfigurationError, ExternalServiceError, SourceError, StewardError } from './core/errors.js';
export type { Logger } from './core/logger.js';
export { loadCatalog, type LoadResult } from './catalog/load.js';
export type { Catalog, Domain, Product, SchemaFile, RulesFile } from './catalog/model.js';
export type * from './catalog/manifest-types.js';
export { parseAvroFiles, type AvroParseResult, type AvroProblem } from './schema/avro-parse.js';
export type * from './schema/avro-model.js';
export { checkCompatibility, checkReaderWriter, compatibilityLevels } from './schema/compat-check.js';
export type { CompatibilityLevel, CompatibilityResult } from './schema/compat-check.js';
export type { SchemaText, SchemaVersion } from './schema/avro-version.js';
export type { Break, CheckResult, CompatRuleId } from './schema/compat-types.js';
export { checkSchemaHistory } from './schema/compat-history.js';
export type { SchemaHistoryEntry } from './schema/compat-history.js';
export { subjectHistory, type SchemaHistories, type SchemaSnapshot } from './catalog/schema-history.js';
export { diffCatalogs, type Change, type ChangeKind } from './catalog/diff.js';
export { describeChange } from './catalog/describe-change.js';
export { evaluateChange, type ChangeInputs, type ChangeReport, type SchemaVerdict } from './policy/evaluate-change.js';
export { evaluateRules, checkDomainOverrides } from './policy/evaluate-rules.js';
export { builtInRules } from './policy/rules/index.js';
export type { RuleDefinition, RuleConfig } from './policy/rule-types.js';
export { computeImpact, type ImpactEntry, type Consumer } from './policy/impact.js';
export {
  computeRequirements,
  requirementId,
  type Requirement,
  type RequirementKey,
  type RequirementSet,
} from './policy/requirements.js';
export {
  evaluateApprovals,
  type ApprovalContext,
  type Review,
  type RequirementResult,
} from './policy/evaluate-approvals.js';
export {
  applyingEnvironments,
  environmentsOf,
  environmentVariables,
  implicitEnvironment,
  resolveEnvironment,
  type Environment,
  type EnvironmentOverrides,
  type OverrideValues,
} from './catalog/environments.js';
export {
  annotateOverrides,
  describeOverride,
  overridesFor,
  type OverrideSource,
  type TopicOverrides,
} from './plan/overrides.js';
export { connectEnvironment, environmentConfigured } from './apply/connect.js';
export { desiredState, type DesiredOptions } from './plan/desired.js';
export { diffState } from './plan/diff.js';
export { orderOperations, phases, type Phase } from './plan/order.js';
export type { Operation, OperationKind } from './plan/operations.js';
export type * from './plan/state.js';
export { planToJson, renderPlanMarkdown, renderPlanText, renderReportText, reportToJson } from './render/plan.js';
export { importLiveState, type ImportOptions, type ImportOverrides, type ImportResult } from './import/import.js';
export { adoptLiveState } from './import/adopt.js';
export { readLiveState, type ReadLiveOptions } from './apply/read-live.js';
export { liveStateOf, type LiveState, type LiveSubject, type LiveTopic } from './import/live.js';
export { editYaml, type YamlEdit } from './import/yaml-edit.js';
export type { ItemResult, KafkaAdmin, RegisteredVersion, SchemaRegistry } from './apply/ports.js';
export { PlatformaticKafkaAdmin, type KafkaConnection } from './apply/kafka-admin.js';
export { HttpSchemaRegistry, type RegistryConnection } from './apply/schema-registry.js';
export { FakeKafkaAdmin } from './apply/fake-kafka-admin.js';
export { FakeSchemaRegistry } from './apply/fake-schema-registry.js';
export { applyCluster, planCluster, type ApplyResult, type ClusterPorts, type PlanResult } from './apply/run.js';
export type { Outcome, OutcomeStatus } from './apply/executor.js';
export {
  applyWaivers,
  type WaiverRequest,
  type AcceptedBreak,
  type WaiverContext,
  type WaivedReport,
} from './policy/waivers.js';

import type { RuleTable } from './rule-entry.js';

/**
 * Compatibility: why a schema version cannot be read by (or cannot read) another, as Apache Avro resolves them.
 * docs/compat.md describes them in full.
 */
export const compatibilityRules = {
  READER_FIELD_MISSING_DEFAULT_VALUE: {
    severity: 'error',
    summary: 'The reader has a field the writer lacks (by name or reader alias) and it has no default.',
    doc: 'The reader has a field the writer lacks (by name or reader alias) and it has no default. Add `"default"`; in FORWARD, keep the field.',
  },
  TYPE_MISMATCH: {
    severity: 'error',
    summary: "The writer's type cannot be read as the reader's, even with a promotion.",
    doc: "The writer's type cannot be read as the reader's, even with a promotion. Keep the type or change it only along a promotion.",
  },
  MISSING_UNION_BRANCH: {
    severity: 'error',
    summary: 'A reader union has no branch that reads a type the writer may write.',
    doc: 'A reader union has no branch that reads a type the writer may write. Keep the branch.',
  },
  MISSING_ENUM_SYMBOLS: {
    severity: 'error',
    summary: 'The writer has symbols the reader lacks and the reader enum has no `"default"`.',
    doc: 'The writer has symbols the reader lacks and the reader enum has no `"default"`. Keep the symbols, or release an enum default first.',
  },
  NAME_MISMATCH: {
    severity: 'error',
    summary: "Named types differ in unqualified name and no reader alias names the writer's full name.",
    doc: "Named types differ in unqualified name and no reader alias names the writer's full name. Keep the name, or add the old full name to the reader's aliases.",
  },
  FIXED_SIZE_MISMATCH: {
    severity: 'error',
    summary: 'A fixed changes size.',
    doc: 'A fixed changes size. Keep the size; add a new field.',
  },
  READER_FIELD_AMBIGUOUS: {
    severity: 'error',
    summary: "A reader field's name and aliases match several writer fields.",
    doc: "A reader field's name and aliases match several writer fields. Java throws here. Remove the alias that names another field.",
  },
  LOGICAL_TYPE_CHANGED: {
    severity: 'warning',
    summary: 'A logical type changes (decimal precision/scale, timestamp unit…).',
    doc: 'A logical type changes (decimal precision/scale, timestamp unit…). Avro ignores logical types when resolving, so data decodes but is misread. Keep the logical type, or add a new field.',
  },
  RESOLUTION_TOO_DEEP: {
    severity: 'error',
    summary:
      'Resolution reached 500 nested reader/writer pairs (named types chained through hundreds of files, or recursive types whose cycles differ in length) and stopped there instead of overflowing the stack; no verdict is given for what lies deeper.',
    doc: 'Resolution reached 500 nested reader/writer pairs (named types chained through hundreds of files, or recursive types whose cycles differ in length) and stopped there instead of overflowing the stack; no verdict is given for what lies deeper. Real schemas nest a few dozen levels. Chain fewer named types through one another, or split the schema.',
  },
} satisfies RuleTable;

import type { RuleDefinition } from '../rule-types.js';
import { partitionBounds, replicationBounds, retentionBounds } from './bounds.js';
import { breakingChangeNeedsMajor, compatibilityLoosened, minCompatibility } from './compatibility.js';
import {
  deprecationRequiresSunset,
  lifecycleTransition,
  noInputsOnDeprecated,
  retirementRequiresNoConsumers,
} from './lifecycle.js';
import { requiredMetadata } from './metadata.js';
import { productNaming, topicNaming } from './naming.js';
import { piiClassification, schemaFieldDocs } from './schema-content.js';

/** Every built-in governance rule; their ids are the keys `rules/*.yaml` and `domain.yaml` configure. */
export const builtInRules: readonly RuleDefinition[] = [
  topicNaming,
  productNaming,
  requiredMetadata,
  schemaFieldDocs,
  piiClassification,
  partitionBounds,
  replicationBounds,
  retentionBounds,
  minCompatibility,
  compatibilityLoosened,
  breakingChangeNeedsMajor,
  deprecationRequiresSunset,
  retirementRequiresNoConsumers,
  noInputsOnDeprecated,
  lifecycleTransition,
];

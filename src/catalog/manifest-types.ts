/**
 * TypeScript view of the v1 manifests. The JSON Schemas in schemas/ are the source of truth; a manifest reaches
 * these types only after it validated against them.
 */
export type Party = string;
export type Compatibility =
  'BACKWARD' | 'BACKWARD_TRANSITIVE' | 'FORWARD' | 'FORWARD_TRANSITIVE' | 'FULL' | 'FULL_TRANSITIVE' | 'NONE';
export type ProductStatus = 'draft' | 'active' | 'deprecated' | 'retired';
export type Classification = 'public' | 'internal' | 'confidential' | 'restricted';
export type RuleSeverity = 'error' | 'warning' | 'notice';

export interface Raci {
  readonly accountable: readonly Party[];
  readonly responsible?: readonly Party[];
  readonly consulted?: readonly Party[];
  readonly informed?: readonly Party[];
}

export interface Sla {
  readonly tier?: 'platinum' | 'gold' | 'silver' | 'bronze';
  readonly availability?: number;
  readonly freshness?: string;
  readonly latency?: string;
  readonly support?: string;
  readonly supportHours?: string;
}

export interface Deprecation {
  readonly sunset?: string;
  readonly replacement?: string;
  readonly note?: string;
}

export interface SchemaRef {
  readonly schema: string;
  /** An example event in Avro's JSON encoding, checked against the schema (EXAMPLE_INVALID); any JSON value. */
  readonly example?: unknown;
}

export interface OutputPortManifest {
  readonly name: string;
  readonly description?: string;
  readonly topic: string;
  readonly key?: SchemaRef;
  readonly value: SchemaRef;
  readonly compatibility?: Compatibility;
  readonly partitions?: number;
  readonly replicationFactor?: number;
  readonly configs?: Readonly<Record<string, string | number | boolean>>;
  readonly writer: string;
  readonly deprecation?: Deprecation;
}

export interface InputPortManifest {
  readonly name: string;
  readonly description?: string;
  readonly product: string;
  readonly port: string;
  readonly principal: string;
  readonly consumerGroup: string;
}

export interface ProductManifest {
  readonly apiVersion: 'mesh-steward/v1';
  readonly kind: 'DataProduct';
  readonly name: string;
  readonly title?: string;
  readonly description: string;
  readonly status: ProductStatus;
  readonly classification: Classification;
  readonly tags?: readonly string[];
  readonly owners: Raci;
  readonly sla?: Sla;
  readonly quality?: 'authoritative' | 'curated' | 'raw';
  readonly links?: Readonly<Record<string, string>>;
  readonly outputPorts?: readonly OutputPortManifest[];
  readonly inputPorts?: readonly InputPortManifest[];
  readonly deprecation?: Deprecation;
}

export interface RuleSetting {
  readonly enabled?: boolean;
  readonly severity?: RuleSeverity;
  readonly [parameter: string]: unknown;
}

export type RuleSettings = Readonly<Record<string, RuleSetting>>;

export interface DomainManifest {
  readonly apiVersion: 'mesh-steward/v1';
  readonly kind: 'Domain';
  readonly name: string;
  readonly title?: string;
  readonly description: string;
  readonly owners: readonly Party[];
  readonly rules?: RuleSettings;
}

export interface RulesManifest {
  readonly apiVersion: 'mesh-steward/v1';
  readonly kind: 'Rules';
  readonly description?: string;
  readonly governance?: { readonly owners: readonly Party[] };
  readonly rules: RuleSettings;
}

export interface SettingsManifest {
  readonly apiVersion: 'mesh-steward/v1';
  readonly kind: 'Settings';
  readonly applyBranch?: string;
  readonly defaults?: {
    readonly partitions?: number;
    readonly replicationFactor?: number;
    readonly compatibility?: Compatibility;
  };
  readonly allowDeletions?: boolean;
  readonly comment?: { readonly collapseAfter?: number };
  /** In promotion order; names unique (checked by catalog/validate-environments.ts). */
  readonly environments?: readonly EnvironmentManifest[];
}

/** One environment of .github/steward.yml: connection by variable names (never values), overrides, promotion. */
export interface EnvironmentManifest {
  readonly name: string;
  readonly description?: string;
  readonly kafka: {
    readonly brokers: string;
    readonly saslMechanism?: string;
    readonly username?: string;
    readonly password?: string;
    readonly tls?: boolean;
  };
  readonly registry: { readonly url: string; readonly username?: string; readonly password?: string };
  readonly clusterName?: string;
  readonly branch?: string;
  readonly after?: string;
  readonly overrides?: OverridesManifest;
}

/** What an environment replaces of the catalog, for the topics in scope. `null` drops a port's config. */
export interface OverrideValuesManifest {
  readonly replicationFactor?: number;
  readonly partitions?: number;
  readonly topicConfigs?: Readonly<Record<string, string | number | boolean | null>>;
}

export interface OverridesManifest extends OverrideValuesManifest {
  /** By domain id; applies to the domain's subtree. */
  readonly domains?: Readonly<Record<string, OverrideValuesManifest>>;
  /** By product id. */
  readonly products?: Readonly<Record<string, OverrideValuesManifest>>;
}

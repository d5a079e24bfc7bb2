import { durationSeconds } from '../../catalog/sla.js';
import type { OutputPortManifest } from '../../catalog/manifest-types.js';
import type { Catalog } from '../../catalog/model.js';
import type { RuleId } from '../../rules/registry.js';
import { at, type RuleDefinition, type RuleFinding } from '../rule-types.js';
import { tightenAll, tighteners } from '../tighten.js';

/** Kafka's own default retention, which a topic without `retention.ms` gets. */
const brokerDefaultRetentionMs = 7 * 24 * 3600 * 1000;

function boundsRule(
  id: RuleId,
  setting: 'partitions' | 'replicationFactor',
  fallback: number,
  defaults: { min: number; max: number },
): RuleDefinition {
  const label = setting === 'partitions' ? 'partitions' : 'replication factor';
  return {
    id,
    defaults: { enabled: true, severity: 'error', params: defaults },
    tighten: tightenAll(tighteners.min('min'), tighteners.max('max')),
    checkProduct: ({ product, catalog, params }) => {
      const findings: RuleFinding[] = [];
      product.manifest.outputPorts?.forEach((port, i) => {
        const value = port[setting] ?? catalog.settings?.manifest.defaults?.[setting] ?? fallback;
        const min = params['min'] as number | undefined;
        const max = params['max'] as number | undefined;
        if ((min === undefined || value >= min) && (max === undefined || value <= max)) return;
        const location = product.document.locate(['outputPorts', i, setting]);
        findings.push(
          at(
            location,
            `Port ${port.name} has ${value} ${label}, outside the allowed ${min ?? 1}..${max ?? '∞'}; set ${setting} within those bounds.`,
          ),
        );
      });
      return findings;
    },
  };
}

export const partitionBounds = boundsRule('PARTITION_BOUNDS', 'partitions', 6, { min: 1, max: 256 });
export const replicationBounds = boundsRule('REPLICATION_BOUNDS', 'replicationFactor', 3, { min: 1, max: 5 });

const toSeconds = (v: unknown) => (typeof v === 'string' ? durationSeconds(v) : undefined);

export const retentionBounds: RuleDefinition = {
  id: 'RETENTION_BOUNDS',
  defaults: { enabled: true, severity: 'error', params: { min: 'PT1H', max: 'P3650D', allowInfinite: false } },
  tighten: tightenAll(
    tighteners.min('min', toSeconds),
    tighteners.max('max', toSeconds),
    tighteners.allow('allowInfinite'),
  ),
  checkProduct: ({ product, catalog, params }) => {
    const findings: RuleFinding[] = [];
    product.manifest.outputPorts?.forEach((port, i) => {
      const problem = retentionProblem(port, catalog, params);
      if (problem)
        findings.push(
          at(product.document.locate(['outputPorts', i, 'configs', 'retention.ms']), `Port ${port.name} ${problem}.`),
        );
    });
    return findings;
  },
};

function retentionProblem(
  port: OutputPortManifest,
  _catalog: Catalog,
  params: Readonly<Record<string, unknown>>,
): string | undefined {
  const policy = String(port.configs?.['cleanup.policy'] ?? 'delete');
  // Retention bounds the age of data only where Kafka deletes by time.
  if (
    !policy
      .split(',')
      .map((p) => p.trim())
      .includes('delete')
  )
    return undefined;
  const raw = port.configs?.['retention.ms'];
  const ms = raw === undefined ? brokerDefaultRetentionMs : Number(raw);
  if (ms === -1)
    return params['allowInfinite'] === true
      ? undefined
      : 'keeps data forever (retention.ms -1); set a finite retention.ms or use cleanup.policy compact for state';
  if (!Number.isFinite(ms))
    return `has retention.ms ${String(raw)}, which is not a number of milliseconds; write it as a quoted number`;
  const min = toSeconds(params['min']);
  const max = toSeconds(params['max']);
  if (min !== undefined && ms < min * 1000)
    return `keeps data ${ms} ms, less than the minimum ${String(params['min'])}; raise retention.ms`;
  if (max !== undefined && ms > max * 1000)
    return `keeps data ${ms} ms, more than the maximum ${String(params['max'])}; lower retention.ms`;
  return undefined;
}

import { effectiveCompatibility, satisfiesLevel } from '../../catalog/compatibility.js';
import type { Compatibility } from '../../catalog/manifest-types.js';
import { breakingChangeRuleId } from '../../rules/registry.js';
import { at, type RuleDefinition, type RuleFinding } from '../rule-types.js';
import { tighteners } from '../tighten.js';

export const minCompatibility: RuleDefinition = {
  id: 'MIN_COMPATIBILITY',
  defaults: { enabled: true, severity: 'error', params: { level: 'BACKWARD' } },
  tighten: tighteners.ordered('level', (inherited, override) =>
    satisfiesLevel(override as Compatibility, inherited as Compatibility),
  ),
  checkProduct: ({ product, catalog, params }) => {
    const minimum = params['level'] as Compatibility;
    const findings: RuleFinding[] = [];
    product.manifest.outputPorts?.forEach((port, i) => {
      const level = effectiveCompatibility(port.compatibility, catalog.settings?.manifest.defaults?.compatibility);
      if (satisfiesLevel(level, minimum)) return;
      const location = product.document.locate(['outputPorts', i, 'compatibility']);
      findings.push(
        at(
          location,
          `Port ${port.name} uses compatibility ${level}, weaker than the required ${minimum}; set compatibility to ${minimum} or stricter.`,
        ),
      );
    });
    return findings;
  },
};

export const compatibilityLoosened: RuleDefinition = {
  id: 'COMPATIBILITY_LOOSENED',
  defaults: { enabled: true, severity: 'warning', params: {} },
  checkChange: ({ change }) => {
    if (change.kind !== 'compatibility-changed' || !change.loosened) return [];
    return [
      at(
        change.location,
        `Port ${change.port} of ${change.productId} loosens compatibility from ${change.from} to ${change.to}; this needs the governance team's approval, or keep ${change.from}.`,
        change.previousLocation,
      ),
    ];
  },
};

export const breakingChangeNeedsMajor: RuleDefinition = {
  id: breakingChangeRuleId,
  defaults: { enabled: true, severity: 'error', params: {} },
  checkChange: ({ change, head, breaking }) => {
    if (change.kind !== 'schema-changed' || !breaking(change)) return [];
    if (head.products.get(change.productId)?.manifest.status === 'draft') return [];
    const next = change.port.replace(/-v(\d+)$/, (_, v: string) => `-v${Number(v) + 1}`);
    const fix =
      next !== change.port
        ? `add a port ${next} on a new topic and deprecate ${change.port}`
        : 'publish it on a new major port and topic';
    return [
      at(
        change.location,
        `The ${change.role} schema of port ${change.port} changes incompatibly under ${change.level}; ${fix}.`,
        change.previousLocation,
      ),
    ];
  },
};

import type { ProductStatus } from '../../catalog/manifest-types.js';
import { consumersOf } from '../../catalog/graph.js';
import { at, type RuleDefinition, type RuleFinding, type StateFinding } from '../rule-types.js';
import { tighteners } from '../tighten.js';

const allowedTransitions: Record<ProductStatus, readonly ProductStatus[]> = {
  draft: ['active'],
  active: ['deprecated'],
  deprecated: ['retired', 'active'],
  retired: [],
};

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const deprecationRequiresSunset: RuleDefinition = {
  id: 'DEPRECATION_REQUIRES_SUNSET',
  defaults: { enabled: true, severity: 'error', params: { minNoticeDays: 30 } },
  tighten: tighteners.min('minNoticeDays'),
  checkProduct: ({ product }) => {
    const findings: RuleFinding[] = [];
    const check = (
      deprecation: { sunset?: string; replacement?: string } | undefined,
      path: (string | number)[],
      what: string,
    ) => {
      const missing = (['sunset', 'replacement'] as const).filter((k) => !deprecation?.[k]);
      if (missing.length === 0) return;
      findings.push(
        at(
          product.document.locate(path),
          `${what} is deprecated without ${missing.join(' or ')}; add deprecation.${missing.join(' and deprecation.')} so consumers can plan their move.`,
        ),
      );
    };
    if (product.manifest.status === 'deprecated')
      check(product.manifest.deprecation, ['status'], `Product ${product.id}`);
    product.manifest.outputPorts?.forEach((port, i) => {
      if (port.deprecation) check(port.deprecation, ['outputPorts', i, 'deprecation'], `Port ${port.name}`);
    });
    return findings;
  },
  checkState: ({ product, today }) => {
    const passed = (sunset: string | undefined) => sunset !== undefined && sunset < today;
    const findings: StateFinding[] = [];
    const deprecation = product.manifest.deprecation;
    if (product.manifest.status === 'deprecated' && passed(deprecation?.sunset))
      findings.push({
        ...at(
          product.document.locate(['deprecation', 'sunset']),
          `Product ${product.id} passed its sunset ${deprecation?.sunset} (today is ${today}) and is still deprecated; retire it (status: retired) once its consumers have moved, or set a later sunset.`,
        ),
        advisory: true,
      });
    product.manifest.outputPorts?.forEach((port, i) => {
      if (!passed(port.deprecation?.sunset)) return;
      findings.push({
        ...at(
          product.document.locate(['outputPorts', i, 'deprecation', 'sunset']),
          `Port ${port.name} of ${product.id} passed its sunset ${port.deprecation?.sunset} (today is ${today}); remove it once its consumers have moved, or set a later sunset.`,
        ),
        advisory: true,
      });
    });
    return findings;
  },
  checkChange: ({ change, head, params, today }) => {
    if (change.kind !== 'status-changed' || change.to !== 'deprecated') return [];
    const sunset = head.products.get(change.productId)?.manifest.deprecation?.sunset;
    const minimum = params['minNoticeDays'] as number;
    if (!sunset || daysBetween(today, sunset) >= minimum) return [];
    return [
      at(
        change.location,
        `Product ${change.productId} is deprecated with sunset ${sunset}, less than ${minimum} days from ${today}; give consumers at least ${minimum} days.`,
      ),
    ];
  },
};

export const retirementRequiresNoConsumers: RuleDefinition = {
  id: 'RETIREMENT_REQUIRES_NO_CONSUMERS',
  defaults: { enabled: true, severity: 'error', params: {} },
  checkState: ({ product, catalog }) => {
    if (product.manifest.status !== 'retired') return [];
    const consumers = consumersOf(catalog, product.id);
    if (consumers.length === 0) return [];
    return [
      at(
        product.document.locate(['status']),
        `Product ${product.id} is retired while ${consumers.join(', ')} still read${consumers.length === 1 ? 's' : ''} it; those consumers must move to the replacement and drop their input ports.`,
      ),
    ];
  },
  checkChange: ({ change, head }) => {
    let consumers: string[] = [];
    let what = '';
    if (change.kind === 'status-changed' && change.to === 'retired') {
      consumers = consumersOf(head, change.productId);
      what = `Product ${change.productId}`;
    } else if (change.kind === 'product-removed') {
      consumers = consumersOf(head, change.productId);
      what = `Product ${change.productId}`;
    } else if (change.kind === 'output-port-removed') {
      consumers = consumersOf(head, change.productId, change.port);
      what = `Port ${change.port} of ${change.productId}`;
    }
    if (consumers.length === 0) return [];
    return [
      at(
        change.location,
        `${what} is retired while ${consumers.join(', ')} still read${consumers.length === 1 ? 's' : ''} it; those consumers must move to the replacement and drop their input ports first.`,
      ),
    ];
  },
};

export const noInputsOnDeprecated: RuleDefinition = {
  id: 'NO_INPUTS_ON_DEPRECATED',
  defaults: { enabled: true, severity: 'error', params: {} },
  checkState: ({ product, catalog }) =>
    (product.manifest.inputPorts ?? []).flatMap((input, i) => {
      const source = catalog.products.get(input.product);
      const deprecation =
        source?.manifest.status === 'deprecated'
          ? source.manifest.deprecation
          : source?.manifest.outputPorts?.find((p) => p.name === input.port)?.deprecation;
      if (!source || !deprecation) return [];
      const until = deprecation.sunset ? ` before its sunset ${deprecation.sunset}` : '';
      const to = deprecation.replacement ? ` to ${deprecation.replacement}` : ' to its replacement';
      return [
        {
          ...at(
            product.document.locate(['inputPorts', i]),
            `${product.id} reads ${input.product}#${input.port}, which is deprecated; move${to}${until}.`,
          ),
          advisory: true,
        },
      ];
    }),
  checkChange: ({ change, base, head }) => {
    if (change.kind !== 'input-port-added') return [];
    const { product, port } = change.input;
    const source = head.products.get(product) ?? base.products.get(product);
    if (!source) return [];
    const status = source.manifest.status;
    const portDeprecation = source.manifest.outputPorts?.find((p) => p.name === port)?.deprecation;
    if (status !== 'deprecated' && status !== 'retired' && !portDeprecation) return [];
    const replacement = (
      status === 'deprecated' || status === 'retired' ? source.manifest.deprecation : portDeprecation
    )?.replacement;
    const fix = replacement ? `read ${replacement} instead` : 'read its replacement instead';
    return [
      at(
        change.location,
        `${change.productId} adds an input on ${product}#${port}, which is ${status === 'active' ? 'deprecated' : status}; ${fix}.`,
      ),
    ];
  },
};

export const lifecycleTransition: RuleDefinition = {
  id: 'LIFECYCLE_TRANSITION',
  defaults: { enabled: true, severity: 'error', params: {} },
  checkChange: ({ change, head }) => {
    if (change.kind === 'product-added') {
      const status = head.products.get(change.productId)?.manifest.status;
      if (status === 'draft' || status === 'active' || status === undefined) return [];
      return [
        at(
          change.location,
          `New product ${change.productId} starts as ${status}; a product starts as draft or active.`,
        ),
      ];
    }
    if (change.kind !== 'status-changed' || allowedTransitions[change.from].includes(change.to)) return [];
    const next = allowedTransitions[change.from];
    const fix =
      next.length > 0
        ? `go to ${next.join(' or ')} first`
        : 'a retired product stays retired; publish a new product instead';
    return [
      at(
        change.location,
        `Product ${change.productId} moves from ${change.from} to ${change.to}, skipping the lifecycle; ${fix}.`,
        change.previousLocation,
      ),
    ];
  },
};

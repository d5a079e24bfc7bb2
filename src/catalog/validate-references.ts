import type { Finding } from '../core/findings.js';
import { closest } from '../core/suggest.js';
import type { Deprecation } from './manifest-types.js';
import type { Catalog, Product } from './model.js';

/** Checks what only the whole catalog can tell: references resolve, names are unique, each topic has one writer. */
export function validateReferences(catalog: Catalog): Finding[] {
  const findings: Finding[] = [];
  checkDomainNames(catalog, findings);
  const writers = new Map<string, { product: Product; index: number }>();
  for (const product of catalog.products.values()) {
    checkPortNames(product, findings);
    checkSingleWriter(product, writers, findings);
    checkInputPorts(catalog, product, findings);
    checkReplacement(catalog, product, product.manifest.deprecation, ['deprecation', 'replacement'], findings);
    product.manifest.outputPorts?.forEach((port, i) =>
      checkReplacement(catalog, product, port.deprecation, ['outputPorts', i, 'deprecation', 'replacement'], findings),
    );
  }
  return findings;
}

function checkDomainNames(catalog: Catalog, findings: Finding[]): void {
  const byName = new Map<string, string>();
  for (const domain of catalog.domains.values()) {
    const folder = domain.id.slice(domain.id.lastIndexOf('/') + 1);
    if (domain.manifest.name !== folder) {
      findings.push({
        ruleId: 'DOMAIN_NAME_MISMATCH',
        severity: 'error',
        message: `Domain name "${domain.manifest.name}" differs from its folder "${folder}"; rename one so the tree and the names agree.`,
        location: domain.document.locate(['name']),
      });
    }
    const first = byName.get(domain.manifest.name);
    if (first !== undefined) {
      findings.push({
        ruleId: 'DUPLICATE_NAME',
        severity: 'error',
        message: `Domain name "${domain.manifest.name}" is already used by catalog/${first}; domain names are unique across the mesh, so choose another.`,
        location: domain.document.locate(['name']),
      });
    } else byName.set(domain.manifest.name, domain.id);
  }
}

function checkPortNames(product: Product, findings: Finding[]): void {
  const seen = new Map<string, string>();
  const ports = [
    ...(product.manifest.outputPorts ?? []).map((p, i) => ({
      name: p.name,
      path: ['outputPorts', i, 'name'] as const,
    })),
    ...(product.manifest.inputPorts ?? []).map((p, i) => ({ name: p.name, path: ['inputPorts', i, 'name'] as const })),
  ];
  for (const port of ports) {
    const first = seen.get(port.name);
    const where = `${port.path[0]}[${port.path[1]}]`;
    if (first !== undefined) {
      findings.push({
        ruleId: 'DUPLICATE_NAME',
        severity: 'error',
        message: `Port name "${port.name}" of ${product.id} is already used by ${first}; give every port of a product its own name.`,
        location: product.document.locate(port.path),
      });
    } else seen.set(port.name, where);
  }
}

function checkSingleWriter(
  product: Product,
  writers: Map<string, { product: Product; index: number }>,
  findings: Finding[],
): void {
  product.manifest.outputPorts?.forEach((port, index) => {
    const first = writers.get(port.topic);
    if (!first) {
      writers.set(port.topic, { product, index });
      return;
    }
    const firstPort = first.product.manifest.outputPorts?.[first.index]?.name ?? '';
    const previous = first.product.document.locate(['outputPorts', first.index, 'topic']);
    findings.push({
      ruleId: 'TOPIC_MULTIPLE_WRITERS',
      severity: 'error',
      message: `Topic ${port.topic} is already written by ${first.product.id} (port ${firstPort}); one product writes each topic, so consume it through an input port or publish a topic of your own.`,
      location: product.document.locate(['outputPorts', index, 'topic']),
      previousLocation: previous,
    });
  });
}

function checkInputPorts(catalog: Catalog, product: Product, findings: Finding[]): void {
  product.manifest.inputPorts?.forEach((input, i) => {
    if (catalog.brokenProducts.has(input.product)) return;
    const source = catalog.products.get(input.product);
    if (!source) {
      const hint = closest(input.product, catalog.products.keys());
      findings.push({
        ruleId: 'INPUT_PORT_UNRESOLVED',
        severity: 'error',
        message: `Input port ${input.name} of ${product.id} reads product ${input.product}, which does not exist${hint ? `; did you mean ${hint}?` : '; use the folder path of a product under catalog/.'}`,
        location: product.document.locate(['inputPorts', i, 'product']),
      });
      return;
    }
    const names = (source.manifest.outputPorts ?? []).map((p) => p.name);
    if (!names.includes(input.port)) {
      const hint = closest(input.port, names);
      const list = names.length > 0 ? `its output ports are ${names.join(', ')}` : 'it has no output ports';
      findings.push({
        ruleId: 'INPUT_PORT_UNRESOLVED',
        severity: 'error',
        message: `Input port ${input.name} of ${product.id} reads port ${input.port} of ${input.product}, which has no such port${hint ? `; did you mean ${hint}?` : `; ${list}.`}`,
        location: product.document.locate(['inputPorts', i, 'port']),
      });
    }
  });
}

function checkReplacement(
  catalog: Catalog,
  product: Product,
  deprecation: Deprecation | undefined,
  path: readonly (string | number)[],
  findings: Finding[],
): void {
  const replacement = deprecation?.replacement;
  if (replacement === undefined) return;
  const [id = '', port] = replacement.split('#');
  if (catalog.brokenProducts.has(id)) return;
  const target = catalog.products.get(id);
  const portMissing = target && port !== undefined && !(target.manifest.outputPorts ?? []).some((p) => p.name === port);
  if (target && !portMissing) return;
  findings.push({
    ruleId: 'REPLACEMENT_UNRESOLVED',
    severity: 'error',
    message: `The replacement ${replacement} named by ${product.id} does not exist; point consumers at an existing product (\`product/id\`) or port (\`product/id#port\`).`,
    location: product.document.locate(path),
  });
}

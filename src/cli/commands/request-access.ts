import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../catalog/load.js';
import type { OutputPortManifest } from '../../catalog/manifest-types.js';
import type { Catalog, Product } from '../../catalog/model.js';
import { closest } from '../../core/suggest.js';
import { editYaml } from '../../import/yaml-edit.js';
import { accessApprovers } from '../../policy/requirements.js';
import { renderFindingsText } from '../../render/findings.js';
import { draftInputPort, inputPortSnippet } from '../../site/input-port-draft.js';
import type { CommandResult } from '../declare.js';
import type { RequestAccessOptions } from '../declare-exports.js';
import { exitCodes, UsageError, type CliIo } from '../io.js';
import { loadValidCatalog, productOf } from '../valid-catalog.js';

/**
 * `steward request-access PRODUCT#PORT --for CONSUMER`: adds the input port that asks for read access to the
 * consumer's product.yaml — appended to `inputPorts`, every other line (comments, order, quoting) kept — after
 * checking that the edited catalog still loads without errors, and says whose approval the pull request needs.
 * Refused, with nothing written, when the port does not exist, the consumer already reads it, or it is deprecated.
 */
export async function runRequestAccess(
  io: CliIo,
  target: string,
  dir: string | undefined,
  options: RequestAccessOptions,
): CommandResult {
  const loaded = await loadValidCatalog(io, dir, 'request-access');
  if (!loaded) return exitCodes.findings;
  const { catalog, root, tree } = loaded;
  const { producer, port } = resolvePort(catalog, target);
  const consumer = productOf(catalog, options.for);
  refuseRepeatedOrDeprecated(producer, port, consumer, options.name);
  const draft = draftInputPort(producer, port, { id: consumer.id, product: consumer }, options);
  const principal = draft.principal;
  if (principal === undefined)
    throw new UsageError(
      `${consumer.id} has no single principal to reuse (its ports use several, or none); pass --principal, e.g. --principal User:svc-${consumer.manifest.name}.`,
    );
  const input = { ...draft, principal };
  const path = consumer.document.path;
  const text = editYaml(consumer.document.text, [{ kind: 'append', key: 'inputPorts', item: input }]);
  const edited = loadCatalog(new Map(tree).set(path, { kind: 'file', content: text }));
  const problems = edited.findings.filter((f) => f.severity === 'error');
  if (problems.length > 0) {
    io.err(renderFindingsText(problems));
    io.err(`steward request-access: with this input port ${path} would not validate (above); nothing was written.\n`);
    return exitCodes.findings;
  }
  writeFileSync(join(root, path), text);
  io.out(`Added input port ${input.name} on ${producer.id}#${port.name} to ${path}:\n\n`);
  io.out(`${inputPortSnippet(input)}\n\n`);
  io.out(renderApprovals(catalog, producer.id, consumer.id));
  return exitCodes.ok;
}

/** `PRODUCT#PORT`, or `PRODUCT/PORT` (the last segment is the port, since product ids are folder paths). */
function resolvePort(catalog: Catalog, target: string): { producer: Product; port: OutputPortManifest } {
  const split = target.includes('#') ? target.indexOf('#') : target.lastIndexOf('/');
  if (split <= 0 || split === target.length - 1)
    throw new UsageError(`"${target}" names no port; write PRODUCT#PORT, e.g. commerce/sales/orders#orders-v1.`);
  const producer = productOf(catalog, target.slice(0, split));
  const name = target.slice(split + 1);
  const ports = producer.manifest.outputPorts ?? [];
  const port = ports.find((p) => p.name === name);
  if (port) return { producer, port };
  const near = closest(
    name,
    ports.map((p) => p.name),
  );
  const list = ports.length === 0 ? 'it has no output ports' : `its ports: ${ports.map((p) => p.name).join(', ')}`;
  throw new UsageError(`${producer.id} has no output port ${name}${near ? ` (did you mean ${near}?)` : ''}; ${list}.`);
}

function refuseRepeatedOrDeprecated(
  producer: Product,
  port: OutputPortManifest,
  consumer: Product,
  name: string | undefined,
): void {
  const inputs = consumer.manifest.inputPorts ?? [];
  const existing = inputs.find((i) => i.product === producer.id && i.port === port.name);
  if (existing)
    throw new UsageError(
      `${consumer.id} already reads ${producer.id}#${port.name} through its input port ${existing.name}; nothing to add.`,
    );
  if (name !== undefined && inputs.some((i) => i.name === name))
    throw new UsageError(`${consumer.id} already has an input port named ${name}; pick another --name.`);
  const status = producer.manifest.status;
  if (status === 'retired' || status === 'deprecated' || port.deprecation) {
    const replacement = (port.deprecation ?? producer.manifest.deprecation)?.replacement;
    throw new UsageError(
      `${producer.id}#${port.name} is ${status === 'retired' ? 'retired' : 'deprecated'}: a new input port on it is refused (NO_INPUTS_ON_DEPRECATED)${replacement ? `; request access to ${replacement} instead` : ''}.`,
    );
  }
}

function renderApprovals(catalog: Catalog, producerId: string, consumerId: string): string {
  const lines = accessApprovers(catalog, producerId, consumerId).map(
    (r) => `  ${r.id}: one of ${r.parties.join(', ')} (${r.reasons.join('; ')})`,
  );
  return [
    'The pull request needs these approvals:',
    ...lines,
    'Commit the change on a branch and open a pull request; `steward check --base origin/main` shows their state.',
    '',
  ].join('\n');
}

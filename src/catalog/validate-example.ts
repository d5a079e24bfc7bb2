import { childOf, type DataNode } from '../core/data-node.js';
import type { Finding } from '../core/findings.js';
import type { AvroType } from '../schema/avro-model.js';
import { validateExample } from '../schema/avro-example.js';
import type { SourceDocument } from './model.js';

/**
 * The finding for a port's declared example (`outputPorts[i].<role>.example`) that its schema does not read, at the
 * part of the example that is wrong; undefined when it matches, or when there is no example.
 */
export function checkPortExample(
  document: SourceDocument,
  portIndex: number,
  portName: string,
  role: 'key' | 'value',
  type: AvroType,
): Finding | undefined {
  const path = ['outputPorts', portIndex, role, 'example'];
  const node = path.reduce<DataNode | undefined>((n, segment) => childOf(n, segment), document.root);
  if (!node) return undefined;
  const problem = validateExample(type, node);
  if (!problem) return undefined;
  return {
    ruleId: 'EXAMPLE_INVALID',
    severity: 'error',
    message: `The ${role} example of port ${portName} does not match its schema: ${problem.message}. Write the event in Avro's JSON encoding (a union's value as null or {"<type>": value}), or remove the example to show a generated one.`,
    location: document.lines.location(problem.span.start),
  };
}

import { entryOf, type DataNode } from '../core/data-node.js';
import { validateDefault, type DefaultProblem } from './avro-defaults.js';
import { describeType, type AvroType, type AvroUnion } from './avro-model.js';

/**
 * Checks an example event against its type in Avro's JSON encoding, as Apache Avro's JSON decoder reads it: a
 * union's value is `null` for its null branch and otherwise an object with one key, the branch's type name (the
 * full name of a named type, `array`, `map`, or the primitive name, also under a logical type); a record holds
 * every field without a default and no field the record does not declare. Leaves are judged as field defaults are
 * (`validateDefault`). Returns the first problem and where it is, or undefined when the example is valid.
 */
export function validateExample(type: AvroType, node: DataNode): DefaultProblem | undefined {
  switch (type.type) {
    case 'array':
      if (node.kind !== 'array') return { message: `${show(node)} is not an array`, span: node };
      return firstOf(node.items, (item, i) => inside(`item ${i}`, validateExample(type.items, item)));
    case 'map':
      if (node.kind !== 'object') return { message: `${show(node)} is not an object (a map)`, span: node };
      return firstOf(node.entries, (e) => inside(`key "${e.key}"`, validateExample(type.values, e.value)));
    case 'union':
      return validateBranch(type, node);
    case 'record':
    case 'error':
      return validateRecordExample(type, node);
    default:
      return validateDefault(type, node);
  }
}

/** The name Avro's JSON encoding gives a union branch. */
export function branchName(t: AvroType): string {
  switch (t.type) {
    case 'record':
    case 'error':
    case 'enum':
    case 'fixed':
      return t.name;
    default:
      return t.type;
  }
}

function validateBranch(union: AvroUnion, node: DataNode): DefaultProblem | undefined {
  const names = union.branches.map(branchName);
  const hasNull = names.includes('null');
  if (node.kind === 'scalar' && node.value === null)
    return hasNull ? undefined : { message: `null is not a branch of ${describeType(union)}`, span: node };
  const only = node.kind === 'object' && node.entries.length === 1 ? node.entries[0] : undefined;
  const branch = only ? union.branches.find((b) => branchName(b) === only.key) : undefined;
  if (!only || !branch) {
    const forms = names.map((n) => (n === 'null' ? 'null' : `{"${n}": …}`)).join(', ');
    return {
      message: `${show(node)} is not a value of ${describeType(union)}: in Avro's JSON encoding a union's value is one of ${forms}`,
      span: node,
    };
  }
  return inside(`branch ${only.key}`, validateExample(branch, only.value));
}

function validateRecordExample(
  type: Extract<AvroType, { type: 'record' | 'error' }>,
  node: DataNode,
): DefaultProblem | undefined {
  if (node.kind !== 'object') return { message: `${show(node)} is not an object for record ${type.name}`, span: node };
  for (const f of type.fields) {
    const entry = entryOf(node, f.name);
    if (entry) {
      const p = validateExample(f.type, entry.value);
      if (p) return inside(`field ${f.name}`, p);
    } else if (!f.hasDefault)
      return { message: `it lacks field ${f.name} of record ${type.name}, which has no default`, span: node };
  }
  const names = new Set(type.fields.map((f) => f.name));
  const extra = node.entries.find((e) => !names.has(e.key));
  if (extra)
    return {
      message: `record ${type.name} has no field "${extra.key}" (its fields: ${[...names].join(', ')})`,
      span: extra.keySpan,
    };
  return undefined;
}

function inside(where: string, problem: DefaultProblem | undefined): DefaultProblem | undefined {
  return problem ? { ...problem, message: `${where}: ${problem.message}` } : undefined;
}

function firstOf<T>(
  items: readonly T[],
  check: (item: T, i: number) => DefaultProblem | undefined,
): DefaultProblem | undefined {
  for (let i = 0; i < items.length; i++) {
    const problem = check(items[i] as T, i);
    if (problem) return problem;
  }
  return undefined;
}

function show(node: DataNode): string {
  const text = node.kind === 'scalar' ? JSON.stringify(node.value) : node.kind === 'array' ? 'an array' : 'an object';
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

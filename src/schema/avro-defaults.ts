import { entryOf, toPlain, type DataNode, type Span } from '../core/data-node.js';
import { describeType, type AvroType } from './avro-model.js';

export interface DefaultProblem {
  readonly message: string;
  /** The part of the default that is wrong: the value itself, or an element, entry or field of it. */
  readonly span: Span;
}

export interface DefaultContext {
  /** The number as written, when the file's text is known: `1.0` is not an integer, `9223372036854775808` no long. */
  readonly numberText?: (span: Span) => string | undefined;
  /** A reference still unresolved (the parser already reports it): nothing can be said about its default. */
  readonly isUnresolved?: (type: AvroType) => boolean;
}

const intRange = [-(2n ** 31n), 2n ** 31n - 1n] as const;
const longRange = [-(2n ** 63n), 2n ** 63n - 1n] as const;

/**
 * Checks a field default against its type as Apache Avro's parser does (a union's default matches its first
 * branch; an int or long default is an integral JSON number in range), and as the specification requires of
 * bytes and fixed defaults (code points 0-255, one per byte, exactly `size` of them for a fixed). Returns what is
 * wrong and where, or undefined when the default is valid.
 */
export function validateDefault(
  type: AvroType,
  node: DataNode,
  ctx: DefaultContext = {},
  seen?: Set<AvroType>,
): DefaultProblem | undefined {
  if (ctx.isUnresolved?.(type)) return undefined;
  const value = node.kind === 'scalar' ? node.value : undefined;
  switch (type.type) {
    case 'null':
      return node.kind === 'scalar' && value === null ? undefined : isNot(node, 'null');
    case 'boolean':
      return typeof value === 'boolean' ? undefined : isNot(node, 'a boolean');
    case 'int':
    case 'long':
      return validateInteger(type.type, node, ctx);
    case 'float':
    case 'double':
      return typeof value === 'number' ? undefined : isNot(node, 'a number');
    case 'string':
      return typeof value === 'string' ? undefined : isNot(node, 'a string');
    case 'bytes':
    case 'fixed':
      return validateBytes(type, node);
    case 'enum':
      return validateSymbol(type, node);
    case 'array':
      if (node.kind !== 'array') return isNot(node, 'an array');
      return firstOf(node.items, (item) => validateDefault(type.items, item, ctx, seen));
    case 'map':
      if (node.kind !== 'object') return isNot(node, 'an object');
      return firstOf(node.entries, (e) => validateDefault(type.values, e.value, ctx, seen));
    case 'union':
      return validateUnion(type.branches[0], node, ctx, seen);
    case 'record':
    case 'error':
      return validateRecord(type, node, ctx, seen);
  }
}

function isNot(node: DataNode, what: string): DefaultProblem {
  return { message: `${show(node)} is not ${what}`, span: node };
}

function validateSymbol(type: Extract<AvroType, { type: 'enum' }>, node: DataNode): DefaultProblem | undefined {
  const value = node.kind === 'scalar' ? node.value : undefined;
  if (typeof value === 'string' && type.symbols.includes(value)) return undefined;
  return isNot(node, `a symbol of enum ${type.name}`);
}

/** Avro judges a union's default by its first branch alone. */
function validateUnion(
  first: AvroType | undefined,
  node: DataNode,
  ctx: DefaultContext,
  seen: Set<AvroType> | undefined,
): DefaultProblem | undefined {
  if (!first) return { message: 'an empty union has no valid default', span: node };
  const problem = validateDefault(first, node, ctx, seen);
  return problem
    ? {
        ...problem,
        message: `${problem.message}; a union's default must match its first branch (${describeType(first)}), so list that type first`,
      }
    : undefined;
}

function validateInteger(kind: 'int' | 'long', node: DataNode, ctx: DefaultContext): DefaultProblem | undefined {
  const value = node.kind === 'scalar' ? node.value : undefined;
  const text = ctx.numberText?.(node);
  const written = text ?? show(node);
  const wrong = { message: `${written} is not an ${kind}`, span: node };
  if (typeof value !== 'number') return wrong;
  // Avro reads the JSON number as written: 1.0 and 1e3 are floating-point numbers, not integers.
  const integral = text === undefined ? Number.isInteger(value) : /^-?\d+$/.test(text);
  if (!integral)
    return { ...wrong, message: `${written} is not an ${kind}: write an integer without a fraction or exponent` };
  const n = text === undefined ? BigInt(value) : BigInt(text);
  const [min, max] = kind === 'int' ? intRange : longRange;
  // Without the text, 2^63 - 1 reads as 2^63: give it the benefit of the doubt.
  const top = text === undefined && kind === 'long' ? max + 1n : max;
  if (n < min || n > top)
    return { ...wrong, message: `${written} is out of the range of an ${kind} (${min} to ${max})` };
  return undefined;
}

function validateBytes(type: AvroType, node: DataNode): DefaultProblem | undefined {
  const value = node.kind === 'scalar' ? node.value : undefined;
  if (typeof value !== 'string') return isNot(node, 'a string (bytes and fixed defaults are strings too)');
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) > 0xff)
      return {
        message: `${show(node)} holds "${value.charAt(i)}", which is not a byte: a ${type.type} default is a string of code points 0 to 255 (\\u0000 to \\u00ff), one per byte`,
        span: node,
      };
  }
  if (type.type === 'fixed' && value.length !== type.size)
    return {
      message: `${show(node)} has ${value.length} bytes, but fixed ${type.name} has ${type.size}: write exactly ${type.size} code points 0 to 255`,
      span: node,
    };
  return undefined;
}

function validateRecord(
  type: Extract<AvroType, { type: 'record' | 'error' }>,
  node: DataNode,
  ctx: DefaultContext,
  // The records being judged, against a recursive default; made only when a default is a record (most are not).
  seen = new Set<AvroType>(),
): DefaultProblem | undefined {
  if (node.kind !== 'object') return isNot(node, `an object for record ${type.name}`);
  if (seen.has(type)) return undefined;
  seen.add(type);
  try {
    for (const f of type.fields) {
      const entry = entryOf(node, f.name);
      if (entry) {
        const p = validateDefault(f.type, entry.value, ctx, seen);
        if (p) return { ...p, message: `field ${f.name}: ${p.message}` };
      } else if (!f.hasDefault) return { message: `it lacks field ${f.name}, which has no default`, span: node };
    }
    return undefined;
  } finally {
    seen.delete(type);
  }
}

function firstOf<T>(items: readonly T[], check: (item: T) => DefaultProblem | undefined): DefaultProblem | undefined {
  for (const item of items) {
    const problem = check(item);
    if (problem) return problem;
  }
  return undefined;
}

function show(node: DataNode): string {
  const s = JSON.stringify(toPlain(node));
  return s === undefined ? String(s) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

import { describeType, type AvroType } from './avro-model.js';

/**
 * Checks a field default against its type as Apache Avro's parser does (a union's default matches its first
 * branch). Returns why it is invalid, or undefined when it is valid.
 */
export function validateDefault(type: AvroType, value: unknown, seen: Set<AvroType> = new Set()): string | undefined {
  switch (type.type) {
    case 'null':
      return value === null ? undefined : `${show(value)} is not null`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${show(value)} is not a boolean`;
    case 'int':
      return Number.isInteger(value) && Math.abs(value as number) <= 2 ** 31
        ? undefined
        : `${show(value)} is not an int`;
    case 'long':
      return Number.isInteger(value) ? undefined : `${show(value)} is not a long`;
    case 'float':
    case 'double':
      return typeof value === 'number' ? undefined : `${show(value)} is not a number`;
    case 'string':
    case 'bytes':
    case 'fixed':
      return typeof value === 'string'
        ? undefined
        : `${show(value)} is not a string (bytes and fixed defaults are strings too)`;
    case 'enum':
      return typeof value === 'string' && type.symbols.includes(value)
        ? undefined
        : `${show(value)} is not a symbol of enum ${type.name}`;
    case 'array':
      if (!Array.isArray(value)) return `${show(value)} is not an array`;
      return firstProblem(value.map((v) => validateDefault(type.items, v, seen)));
    case 'map':
      if (!isObject(value)) return `${show(value)} is not an object`;
      return firstProblem(Object.values(value).map((v) => validateDefault(type.values, v, seen)));
    case 'union': {
      const first = type.branches[0];
      if (!first) return 'an empty union has no valid default';
      const problem = validateDefault(first, value, seen);
      return problem
        ? `${problem}; a union's default must match its first branch (${describeType(first)}), so list that type first`
        : undefined;
    }
    case 'record':
    case 'error': {
      if (!isObject(value)) return `${show(value)} is not an object for record ${type.name}`;
      if (seen.has(type)) return undefined;
      seen.add(type);
      for (const f of type.fields) {
        if (f.name in value) {
          const p = validateDefault(f.type, value[f.name], seen);
          if (p) return `field ${f.name}: ${p}`;
        } else if (!f.hasDefault) return `it lacks field ${f.name}, which has no default`;
      }
      seen.delete(type);
      return undefined;
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function firstProblem(problems: (string | undefined)[]): string | undefined {
  return problems.find((p) => p !== undefined);
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

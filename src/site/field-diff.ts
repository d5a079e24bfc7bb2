import { describeType, type AvroType } from '../schema/avro-model.js';

/** One field as a diff sees it: where it is in the event, its type as people read it, and its default. */
export interface FieldShape {
  /** `lines[].price.amount`: record fields joined by dots, `[]` for array items, `{}` for map values. */
  readonly path: string;
  readonly type: string;
  /** The default as JSON, absent when the field has none. */
  readonly default?: string;
}

export interface FieldChange {
  readonly path: string;
  readonly before: FieldShape;
  readonly after: FieldShape;
}

export interface FieldDiff {
  readonly added: readonly FieldShape[];
  readonly removed: readonly FieldShape[];
  readonly changed: readonly FieldChange[];
}

/**
 * The fields two versions of a schema differ in, by path in the event: a field of a nested record (inside a union
 * branch, an array's items or a map's values) counts where it sits, so a field added to a shared `Money` shows
 * under every field of that type. A renamed field shows as one removed and one added.
 */
export function diffFields(before: AvroType, after: AvroType): FieldDiff {
  const old = fieldShapes(before);
  const now = fieldShapes(after);
  const changed: FieldChange[] = [];
  for (const [path, shape] of now) {
    const was = old.get(path);
    if (was && (was.type !== shape.type || was.default !== shape.default))
      changed.push({ path, before: was, after: shape });
  }
  return {
    added: [...now.values()].filter((f) => !old.has(f.path)),
    removed: [...old.values()].filter((f) => !now.has(f.path)),
    changed,
  };
}

export function isEmptyDiff(diff: FieldDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
}

/** Beyond this many fields a diff stops listing: a schema that size is read in its table, not in a diff. */
const maxFields = 2_000;

/** Every field of the type by path, in schema order; a record met again inside itself is not entered twice. */
export function fieldShapes(type: AvroType): Map<string, FieldShape> {
  const shapes = new Map<string, FieldShape>();
  const walk = (t: AvroType, prefix: string, inside: ReadonlySet<AvroType>) => {
    if (shapes.size >= maxFields) return;
    switch (t.type) {
      case 'record':
      case 'error': {
        if (inside.has(t)) return;
        const next = new Set(inside).add(t);
        for (const f of t.fields) {
          const path = prefix ? `${prefix}.${f.name}` : f.name;
          shapes.set(path, {
            path,
            type: describeType(f.type),
            ...(f.hasDefault ? { default: JSON.stringify(f.default) } : {}),
          });
          walk(f.type, path, next);
        }
        return;
      }
      case 'array':
        return walk(t.items, `${prefix}[]`, inside);
      case 'map':
        return walk(t.values, `${prefix}{}`, inside);
      case 'union':
        for (const b of t.branches) walk(b, prefix, inside);
        return;
      default:
        return;
    }
  };
  walk(type, '', new Set());
  return shapes;
}

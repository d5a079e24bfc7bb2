import { resolveSchemaPath } from '../../catalog/load-product.js';
import type { Classification } from '../../catalog/manifest-types.js';
import type { Product, SchemaFile } from '../../catalog/model.js';
import type { AvroField, AvroType } from '../../schema/avro-model.js';
import { at, type RuleDefinition, type RuleFinding } from '../rule-types.js';
import { tighteners } from '../tighten.js';

const classificationRank: Record<Classification, number> = { public: 0, internal: 1, confidential: 2, restricted: 3 };

/** Every record, enum and field of the product's port schemas, each with the file it is written in. */
function* walkSchemas(product: Product): Generator<{ file: SchemaFile; owner: AvroType; field?: AvroField }> {
  const seen = new Set<AvroType>();
  for (const file of portFiles(product)) {
    const stack: AvroType[] = file.type ? [file.type] : [];
    while (stack.length > 0) {
      const t = stack.pop() as AvroType;
      if (seen.has(t)) continue;
      seen.add(t);
      const home = product.schemas.get(t.file) ?? file;
      if (t.type === 'record' || t.type === 'error') {
        yield { file: home, owner: t };
        for (const field of t.fields) {
          yield { file: home, owner: t, field };
          stack.push(field.type);
        }
      } else if (t.type === 'enum') yield { file: home, owner: t };
      else if (t.type === 'array') stack.push(t.items);
      else if (t.type === 'map') stack.push(t.values);
      else if (t.type === 'union') stack.push(...t.branches);
    }
  }
}

function portFiles(product: Product): SchemaFile[] {
  const files: SchemaFile[] = [];
  for (const port of product.manifest.outputPorts ?? []) {
    for (const ref of [port.key, port.value]) {
      const path = ref && resolveSchemaPath(product.id, ref.schema);
      const file = path ? product.schemas.get(path) : undefined;
      if (file && !files.includes(file)) files.push(file);
    }
  }
  return files;
}

export const schemaFieldDocs: RuleDefinition = {
  id: 'SCHEMA_FIELD_DOCS',
  defaults: { enabled: true, severity: 'error', params: {} },
  checkProduct: ({ product }) => {
    const findings: RuleFinding[] = [];
    for (const { file, owner, field } of walkSchemas(product)) {
      const doc = field ? field.doc : 'doc' in owner ? owner.doc : undefined;
      if (doc?.trim()) continue;
      const span = field ? field.nameSpan : 'nameSpan' in owner ? owner.nameSpan : owner.span;
      const what = field
        ? `Field ${field.name} of ${'name' in owner ? owner.name : 'a record'}`
        : `Type ${'name' in owner ? owner.name : owner.type}`;
      findings.push(
        at(
          file.document.lines.location(span.start),
          `${what} has no "doc"; add a sentence that says what it holds and in which unit.`,
        ),
      );
    }
    return findings;
  },
};

export const piiClassification: RuleDefinition = {
  id: 'PII_CLASSIFICATION',
  defaults: { enabled: true, severity: 'error', params: { property: 'pii', minimum: 'restricted' } },
  tighten: (inherited, override) =>
    tighteners.ordered(
      'minimum',
      (i, o) => classificationRank[o as Classification] >= classificationRank[i as Classification],
    )(tighteners.union('property')(inherited, override).params, override),
  checkProduct: ({ product, params }) => {
    const properties = (Array.isArray(params['property']) ? params['property'] : [params['property']]) as string[];
    const minimum = params['minimum'] as Classification;
    if (classificationRank[product.manifest.classification] >= classificationRank[minimum]) return [];
    const pii: string[] = [];
    for (const { field } of walkSchemas(product))
      if (field && properties.some((p) => field.props[p] === true)) pii.push(field.name);
    if (pii.length === 0) return [];
    const names = [...new Set(pii)].join(', ');
    return [
      at(
        product.document.locate(['classification']),
        `Product ${product.id} is ${product.manifest.classification} but carries personal data (${names}); classify it ${minimum}.`,
      ),
    ];
  },
};

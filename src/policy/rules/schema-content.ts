import { resolveSchemaPath } from '../../catalog/load-product.js';
import type { Classification } from '../../catalog/manifest-types.js';
import type { Product, SchemaFile } from '../../catalog/model.js';
import type { AvroField, AvroType } from '../../schema/avro-model.js';
import { at, type RuleDefinition, type RuleFinding } from '../rule-types.js';
import { tighteners } from '../tighten.js';

const classificationRank: Record<Classification, number> = { public: 0, internal: 1, confidential: 2, restricted: 3 };

/**
 * Calls `visit` for every record, enum and field of the product's port schemas, each with the file it is written in
 * (a visitor, not a generator: lint walks every schema of the catalog, and a generator allocates per step).
 */
function walkSchemas(product: Product, visit: (file: SchemaFile, owner: AvroType, field?: AvroField) => void): void {
  const seen = new Set<AvroType>();
  const stack: AvroType[] = [];
  for (const file of portFiles(product)) {
    if (file.type) stack.push(file.type);
    for (let t = stack.pop(); t; t = stack.pop()) {
      if (seen.has(t)) continue;
      seen.add(t);
      if (t.type === 'record' || t.type === 'error') {
        const home = product.schemas.get(t.file) ?? file;
        visit(home, t);
        for (const field of t.fields) {
          visit(home, t, field);
          stack.push(field.type);
        }
      } else if (t.type === 'enum') visit(product.schemas.get(t.file) ?? file, t);
      else if (t.type === 'array') stack.push(t.items);
      else if (t.type === 'map') stack.push(t.values);
      else if (t.type === 'union') for (const branch of t.branches) stack.push(branch);
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
    walkSchemas(product, (file, owner, field) => {
      const doc = field ? field.doc : 'doc' in owner ? owner.doc : undefined;
      if (doc?.trim()) return;
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
    });
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
    walkSchemas(product, (_file, _owner, field) => {
      if (field && properties.some((p) => field.props[p] === true)) pii.push(field.name);
    });
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

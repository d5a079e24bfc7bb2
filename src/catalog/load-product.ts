import { posix } from 'node:path';
import type { Finding, Location } from '../core/findings.js';
import { closest } from '../core/suggest.js';
import type { SourceTree } from '../core/source.js';
import type { AvroType } from '../schema/avro-model.js';
import { parseAvroFiles, type AvroSourceFile } from '../schema/avro-parse.js';
import type { ProductManifest } from './manifest-types.js';
import { catalogPath, type Product, type SchemaFile, type SourceDocument } from './model.js';
import { readJson, readYaml } from './read-source.js';
import { checkPortExample } from './validate-example.js';
import { validateManifest } from './validate-manifest.js';

export interface ProductLoad {
  /** Undefined when the manifest is unreadable or invalid. */
  readonly product: Product | undefined;
  readonly findings: Finding[];
}

/**
 * Loads one product folder: its manifest, every .avsc file in it, and the schema paths its ports name. A shallow
 * load (`deep` false) reads only the manifest: its schemas are parsed on first use and their findings are not
 * reported, which is how a pull request's check avoids re-validating the products it does not touch.
 */
export function loadProduct(
  tree: SourceTree,
  id: string,
  domainId: string,
  schemaPaths: readonly string[],
  deep = true,
): ProductLoad {
  const path = catalogPath(id, 'product.yaml');
  const read = readYaml(path, tree.get(path) ?? { kind: 'file', content: '' });
  const findings = [...read.findings];
  const loaded = deep ? loadSchemas(tree, schemaPaths, findings) : undefined;
  if (!read.document || read.value === undefined) {
    if (read.document) findings.push(...validateManifest('DataProduct', undefined, read.document));
    return { product: undefined, findings };
  }
  const value = read.value;
  const shape = validateManifest('DataProduct', value, read.document);
  findings.push(...shape);
  if (shape.length > 0) return { product: undefined, findings };
  const manifest = value as ProductManifest;
  const folder = id.slice(id.lastIndexOf('/') + 1);
  if (manifest.name !== folder) {
    findings.push({
      ruleId: 'PRODUCT_NAME_MISMATCH',
      severity: 'error',
      message: `Product name "${manifest.name}" differs from its folder "${folder}"; the folder path is the product's id, so rename one to match the other.`,
      location: read.document.locate(['name']),
    });
  }
  if (!loaded) return { product: lazyProduct(tree, id, domainId, manifest, read.document, schemaPaths), findings };
  const { schemas, definedIn } = loaded;
  findings.push(
    ...checkPortSchemas(id, manifest, read.document, { schemas, definedIn, present: new Set(schemaPaths) }),
  );
  return { product: { id, domainId, manifest, document: read.document, schemas }, findings };
}

/** A shallow load's product: its schemas are read on first use, and their findings are dropped. */
export function lazyProduct(
  tree: SourceTree,
  id: string,
  domainId: string,
  manifest: ProductManifest,
  document: SourceDocument,
  schemaPaths: readonly string[],
): Product {
  let schemas: ReadonlyMap<string, SchemaFile> | undefined;
  return {
    id,
    domainId,
    manifest,
    document,
    get schemas() {
      schemas ??= loadSchemas(tree, schemaPaths, []).schemas;
      return schemas;
    },
  };
}

function loadSchemas(tree: SourceTree, paths: readonly string[], findings: Finding[]) {
  const documents = new Map<string, SourceDocument>();
  const sources: AvroSourceFile[] = [];
  for (const path of paths) {
    const entry = tree.get(path);
    if (!entry) continue;
    const read = readJson(path, entry);
    findings.push(...read.findings);
    if (!read.document || !read.root || read.findings.some((f) => f.ruleId === 'AVRO_SYNTAX')) continue;
    documents.set(path, read.document);
    sources.push({ path, root: read.root, text: read.document.text });
  }
  const parsed = parseAvroFiles(sources);
  for (const p of parsed.problems) {
    const doc = documents.get(p.file);
    findings.push({
      ruleId: p.ruleId,
      severity: p.severity,
      message: p.message,
      location: doc ? doc.lines.location(p.span.start) : { path: p.file, line: 1, column: 1 },
    });
  }
  const valid = new Set(parsed.schemas.keys());
  const models = lazyModels(documents, valid, parsed.schemas);
  const schemas = new Map<string, SchemaFile>();
  for (const [path, document] of documents) {
    const references = parsed.references.get(path) ?? [];
    schemas.set(path, {
      path,
      document,
      references,
      get type() {
        return valid.has(path) ? models().get(path) : undefined;
      },
    });
  }
  const definedIn = new Map<string, string>();
  for (const [name, type] of parsed.named) definedIn.set(name, type.file);
  return { schemas, definedIn };
}

/**
 * The product's Avro models: the ones validation just parsed (`first`), or, for a shallow load, parsed on first use.
 * Lint reads every model right after loading, so parsing them again would cost more than keeping them.
 */
function lazyModels(
  documents: ReadonlyMap<string, SourceDocument>,
  valid: ReadonlySet<string>,
  first?: ReadonlyMap<string, AvroType>,
) {
  let models: ReadonlyMap<string, AvroType> | undefined = first;
  return () => {
    if (!models) {
      const sources: AvroSourceFile[] = [];
      for (const [path, doc] of documents)
        if (valid.has(path) && doc.root) sources.push({ path, root: doc.root, text: doc.text });
      models = parseAvroFiles(sources).schemas;
    }
    return models;
  };
}

/** Resolves a port's schema path inside the product folder; undefined when it escapes the folder. */
export function resolveSchemaPath(productId: string, relative: string): string | undefined {
  const dir = catalogPath(productId, '');
  if (relative.startsWith('/') || relative.includes('\\')) return undefined;
  const joined = posix.normalize(posix.join(dir, relative));
  return joined.startsWith(dir) ? joined : undefined;
}

function checkPortSchemas(
  id: string,
  manifest: ProductManifest,
  document: SourceDocument,
  files: {
    schemas: ReadonlyMap<string, SchemaFile>;
    definedIn: ReadonlyMap<string, string>;
    present: ReadonlySet<string>;
  },
): Finding[] {
  const { schemas, definedIn, present } = files;
  const findings: Finding[] = [];
  const used = new Set<string>();
  (manifest.outputPorts ?? []).forEach((port, i) => {
    for (const role of ['key', 'value'] as const) {
      const ref = port[role];
      if (!ref) continue;
      const location = () => document.locate(['outputPorts', i, role, 'schema']);
      const resolved = resolveSchemaPath(id, ref.schema);
      if (resolved === undefined) {
        findings.push(escapingSchema(id, role, ref.schema, port.name, location()));
        continue;
      }
      const schema = schemas.get(resolved);
      // A file that exists but did not parse already has its own finding.
      if (!schema && present.has(resolved)) continue;
      if (!schema) {
        findings.push(missingSchema(id, role, resolved, port.name, schemas, location()));
        continue;
      }
      markUsed(resolved, schemas, definedIn, used);
      const invalidExample = schema.type && checkPortExample(document, i, port.name, role, schema.type);
      if (invalidExample) findings.push(invalidExample);
    }
  });
  for (const path of schemas.keys()) if (!used.has(path)) findings.push(unusedSchema(id, path));
  return findings;
}

function escapingSchema(
  id: string,
  role: 'key' | 'value',
  schema: string,
  portName: string,
  location: Location,
): Finding {
  return {
    ruleId: 'SCHEMA_PATH_ESCAPES',
    severity: 'error',
    message: `The ${role} schema "${schema}" of port ${portName} points outside the product folder; keep schemas inside catalog/${id}/ and use a relative path such as schemas/${posix.basename(schema)}.`,
    location,
  };
}

function missingSchema(
  id: string,
  role: 'key' | 'value',
  resolved: string,
  portName: string,
  schemas: ReadonlyMap<string, SchemaFile>,
  location: Location,
): Finding {
  const hint = closest(resolved, schemas.keys());
  return {
    ruleId: 'SCHEMA_FILE_MISSING',
    severity: 'error',
    message: `The ${role} schema ${resolved} of port ${portName} does not exist${hint ? `; did you mean ${posix.relative(catalogPath(id, ''), hint)}?` : '; add the .avsc file or fix the path.'}`,
    location,
  };
}

function unusedSchema(id: string, path: string): Finding {
  return {
    ruleId: 'UNUSED_SCHEMA_FILE',
    severity: 'warning',
    message: `${path} is used by no output port of ${id}; reference it from a port's key or value, or delete it.`,
    location: { path, line: 1, column: 1 },
  };
}

/** Marks a schema file and, transitively, the files whose named types it references. */
function markUsed(
  path: string,
  schemas: ReadonlyMap<string, SchemaFile>,
  definedIn: ReadonlyMap<string, string>,
  used: Set<string>,
): void {
  // A work list, not recursion: files may reference one another in chains thousands long.
  const todo = [path];
  for (let p = todo.pop(); p !== undefined; p = todo.pop()) {
    if (used.has(p)) continue;
    used.add(p);
    for (const name of schemas.get(p)?.references ?? []) {
      const file = definedIn.get(name);
      if (file !== undefined) todo.push(file);
    }
  }
}

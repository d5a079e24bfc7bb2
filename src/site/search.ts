import type { Product } from '../catalog/model.js';
import { resolveSchemaPath } from '../catalog/load-product.js';
import type { AvroNamed, AvroRecord, AvroType } from '../schema/avro-model.js';
import { shortName } from '../schema/avro-model.js';
import type { SiteFile } from './build.js';
import type { SiteModel } from './model.js';
import { portAnchor, sitePaths } from './paths.js';
import { fieldAnchor, namedTypesIn } from './schema-table.js';
import { searchClientScript } from './search-client.js';

/**
 * The site's search index, sharded so that a page loads only what a query needs (docs/site.md, "Search").
 *
 * One index in MiniSearch's form is built over every document, then cut by term: each shard holds the terms that begin with
 * the same two characters, with their full posting lists and the field lengths of the documents they name, plus
 * the index-wide document count and average field lengths. A shard is therefore a valid MiniSearch index of its
 * own whose scores equal the whole index's, so results of different shards rank against each other. Documents are
 * numbered by kind (products first) and their display data (title, link, context) lives in chunks by number, apart
 * from the terms, so a query loads its terms' shards and the chunks of the results it shows — never the rest.
 *
 * Every file is a script that hands its data to `stewardSearch` (JSONP style): pages work from file://, where
 * Chromium refuses fetch().
 */
export interface SearchDocument {
  readonly kind: SearchKind;
  /** What the result shows first, e.g. a product's title or a field's name. */
  readonly title: string;
  /** The site path it links to, with a `#fragment` for ports and fields. */
  readonly url: string;
  /** One line under the title: where the hit is. */
  readonly context: string;
  /** The text indexed per field (see `searchFields`). */
  readonly text: Partial<Record<SearchField, string>>;
}

/** In this order documents are numbered, so a number says its kind (products rank first, see `kindBoosts`). */
export const searchKinds = ['product', 'field', 'port', 'domain', 'owner'] as const;
export type SearchKind = (typeof searchKinds)[number];

/** `title`: product, port, domain and owner names; `name`: field names; `tags`: tags, domain paths, topics. */
export const searchFields = ['title', 'name', 'tags', 'text', 'type'] as const;
export type SearchField = (typeof searchFields)[number];

/** Product names and field names outrank descriptions; a product outranks the other kinds on an equal hit. */
export const fieldBoosts: Readonly<Record<SearchField, number>> = { title: 3, name: 3, tags: 1.5, text: 1, type: 1 };
export const kindBoosts: Readonly<Record<SearchKind, number>> = {
  product: 2,
  field: 1.5,
  port: 1,
  domain: 1,
  owner: 1,
};

/** Display data of this many documents per chunk file: small, since the results shown may lie in 8 chunks. */
export const docsPerChunk = 256;

export const searchPaths = {
  library: 'assets/minisearch.js',
  client: 'assets/search.js',
  meta: 'search/meta.js',
  shard: (key: string) => `search/terms/${[...key].map((c) => (c.codePointAt(0) ?? 0).toString(16)).join('-')}.js`,
  docs: (chunk: number) => `search/docs/${chunk}.js`,
} as const;

/**
 * The words of a text as the index and the search box both see them: runs of letters and digits, lower-cased,
 * and the parts of a camelCase word besides the word (`customerId` → `customerid`, `customer`, `id`). The client
 * runs the same steps (`searchTokenizerSource`, tested equal), so a query splits as the index did.
 */
export function tokenize(text: string): string[] {
  const words: string[] = [];
  for (const word of text.split(/[^\p{L}\p{N}]+/u)) {
    if (word === '') continue;
    words.push(word.toLowerCase());
    const parts = word.split(/(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u);
    if (parts.length > 1) for (const part of parts) words.push(part.toLowerCase());
  }
  return words;
}

/** The shard a term lands in: its first two characters (one for a one-character term). */
export function shardKey(term: string): string {
  return [...term].slice(0, 2).join('');
}

/** Every document the search box can find, numbered in `searchKinds` order, each kind in the site's order. */
export function searchDocuments(model: SiteModel): SearchDocument[] {
  const products = model.products.map((p) => productDocument(p));
  const fields = model.products.flatMap((p) => fieldDocuments(p));
  const ports = model.products.flatMap((p) =>
    (p.manifest.outputPorts ?? []).map((port): SearchDocument => ({
      kind: 'port',
      title: port.name,
      url: `${sitePaths.product(p.id)}#${portAnchor(port.name)}`,
      context: `Output port of ${titleOf(p)} · topic ${port.topic}`,
      text: { title: port.name, tags: port.topic, text: port.description ?? '' },
    })),
  );
  const domains = model.domains.map((d): SearchDocument => ({
    kind: 'domain',
    title: d.manifest.title ?? d.id,
    url: sitePaths.domain(d.id),
    context: `Domain ${d.id}`,
    text: { title: `${d.manifest.title ?? ''} ${d.manifest.name}`, tags: d.id, text: d.manifest.description },
  }));
  const owners = [...model.owners.values()].map((o): SearchDocument => ({
    kind: 'owner',
    title: o.party,
    url: sitePaths.owner(o.party),
    context: `Owner of ${o.accountable.length + o.responsible.length} product(s), ${o.domains.length} domain(s)`,
    text: { title: o.party },
  }));
  return [...products, ...fields, ...ports, ...domains, ...owners];
}

const titleOf = (p: Product) => p.manifest.title ?? p.manifest.name;

function productDocument(p: Product): SearchDocument {
  const m = p.manifest;
  return {
    kind: 'product',
    title: titleOf(p),
    url: sitePaths.product(p.id),
    context: `${p.id} · ${m.status}`,
    text: {
      title: `${m.title ?? ''} ${m.name}`,
      tags: [...(m.tags ?? []), p.domainId].join(' '),
      text: m.description,
    },
  };
}

/**
 * One document per field row of the product page's schema tables: every record reachable from each port's key
 * and value schema, once per table (as schema-table.ts expands them), linking to the row's anchor.
 */
function fieldDocuments(p: Product): SearchDocument[] {
  const docs: SearchDocument[] = [];
  for (const port of p.manifest.outputPorts ?? [])
    for (const role of ['key', 'value'] as const) {
      const ref = port[role];
      const path = ref && resolveSchemaPath(p.id, ref.schema);
      const type = path === undefined ? undefined : p.schemas.get(path)?.type;
      if (!type) continue;
      const anchor = `${portAnchor(port.name)}-${role}`;
      for (const record of recordsIn(type))
        for (const field of record.fields)
          docs.push({
            kind: 'field',
            title: field.name,
            url: `${sitePaths.product(p.id)}#${fieldAnchor(anchor, record.name, field.name)}`,
            context: `Field of ${shortName(record.name)} in ${titleOf(p)} · ${port.name} ${role} schema`,
            text: { name: field.name, text: field.doc ?? '', type: typeTerms(field.type).join(' ') },
          });
    }
  return docs;
}

/** Records reachable from a type, each once, breadth-first; as deep as the schema table draws them. */
function recordsIn(type: AvroType): AvroRecord[] {
  const seen = new Set<string>();
  const records: AvroRecord[] = [];
  let level = namedTypesIn(type);
  for (let depth = 0; depth < maxTableDepth && level.length > 0; depth++) {
    const next: AvroNamed[] = [];
    for (const named of level) {
      if (seen.has(named.name)) continue;
      seen.add(named.name);
      if (named.type !== 'record' && named.type !== 'error') continue;
      records.push(named);
      for (const field of named.fields) next.push(...namedTypesIn(field.type));
    }
    level = next;
  }
  return records;
}

/** schema-table.ts summarises records nested deeper than this. */
const maxTableDepth = 12;

/**
 * The words of a field's type worth finding: named types and logical types (`Money`, `uuid`, `decimal`).
 * Primitive names are left out: every schema has them, so a search for `string` would list every field.
 */
function typeTerms(type: AvroType): string[] {
  switch (type.type) {
    case 'array':
      return typeTerms(type.items);
    case 'map':
      return typeTerms(type.values);
    case 'union':
      return type.branches.flatMap(typeTerms);
    case 'record':
    case 'error':
    case 'enum':
      return [shortName(type.name)];
    case 'fixed':
      return [shortName(type.name), ...(type.logicalType ? [type.logicalType.name] : [])];
    default:
      return type.logicalType ? [type.logicalType.name] : [];
  }
}

/**
 * The search files of a site, one at a time: the library (MiniSearch's browser build, passed in as text: the engine
 * reads no files), the client script, the term shards, the document chunks and the meta file. Deterministic.
 *
 * The index is built here directly, in MiniSearch's terms (a document's field length is its count of distinct
 * words; each field's average is MiniSearch's running one), not through a MiniSearch instance: its radix tree and
 * `toJSON` cost three times the time and eight times the memory on 10,000 products, and a shard needs only sorted
 * posting lists. test/site/search-bytes.test.ts holds this to the bytes the MiniSearch route gives.
 */
export function* searchFiles(model: SiteModel, library: string): Generator<SiteFile, void, undefined> {
  const documents = searchDocuments(model);
  const index = buildIndex(documents);
  yield [searchPaths.library, library];
  yield [searchPaths.client, searchClientScript];
  const keys = [...index.byKey.keys()].sort();
  for (const key of keys) {
    const shard = cutShard(index.byKey.get(key) as Map<string, FieldPostings>, index.fieldLength);
    index.byKey.delete(key);
    yield [searchPaths.shard(key), `stewardSearch.shard(${JSON.stringify(key)},${JSON.stringify(shard)});\n`];
  }
  for (let start = 0; start < documents.length; start += docsPerChunk) {
    const chunk = documents.slice(start, start + docsPerChunk).map((d) => [d.title, d.url, d.context]);
    const n = start / docsPerChunk;
    yield [searchPaths.docs(n), `stewardSearch.docs(${n},${JSON.stringify(chunk)});\n`];
  }
  const meta = {
    kinds: searchKinds.map((kind) => ({
      kind,
      count: documents.reduce((sum, d) => sum + (d.kind === kind ? 1 : 0), 0),
      boost: kindBoosts[kind],
    })),
    fields: searchFields,
    fieldBoosts,
    docsPerChunk,
    documentCount: documents.length,
    fieldIds: Object.fromEntries(searchFields.map((field, id) => [field, id])),
    averageFieldLength: index.averageFieldLength,
    shards: keys,
  };
  yield [searchPaths.meta, `stewardSearch.meta(${JSON.stringify(meta)});\n`];
}

/** One term's postings per field id: ascending document numbers and, beside each, the term's count in it. */
type FieldPostings = ({ readonly docs: number[]; readonly tfs: number[] } | undefined)[];

interface Index {
  /** Shard key → term → postings by field id. */
  readonly byKey: Map<string, Map<string, FieldPostings>>;
  /** Per field id, each document's count of distinct words in that field. */
  readonly fieldLength: readonly Uint32Array[];
  readonly averageFieldLength: number[];
}

/**
 * Every document's words, in document order, so each posting list comes out ascending with no sort. A field a
 * document lacks (`undefined`) is skipped, an empty one counts as length 0, as `MiniSearch.add` does.
 */
function buildIndex(documents: readonly SearchDocument[]): Index {
  const byKey = new Map<string, Map<string, FieldPostings>>();
  const fieldLength = searchFields.map(() => new Uint32Array(documents.length));
  const averageFieldLength: number[] = [];
  documents.forEach((document, doc) => {
    searchFields.forEach((field, fieldId) => {
      const text = document.text[field];
      if (text === undefined) return;
      const words = tokenize(text);
      const length = new Set(words).size;
      (fieldLength[fieldId] as Uint32Array)[doc] = length;
      averageFieldLength[fieldId] = ((averageFieldLength[fieldId] || 0) * doc + length) / (doc + 1);
      for (const word of words) {
        const key = shardKey(word);
        let terms = byKey.get(key);
        if (!terms) byKey.set(key, (terms = new Map()));
        let fields = terms.get(word);
        if (!fields) terms.set(word, (fields = []));
        const postings = (fields[fieldId] ??= { docs: [], tfs: [] });
        const last = postings.docs.length - 1;
        if (postings.docs[last] === doc) (postings.tfs[last] as number)++;
        else {
          postings.docs.push(doc);
          postings.tfs.push(1);
        }
      }
    });
  });
  return { byKey, fieldLength, averageFieldLength };
}

/**
 * One shard: its terms' full posting lists and, for each field, the lengths of the documents those postings name
 * (all BM25 reads of a document); the index-wide statistics go to the meta file once. Compact: document numbers as
 * ascending gaps, term frequencies only when one is not 1. The client (`searchShardExpanderSource`) turns a shard
 * back into what `MiniSearch.loadJS` takes.
 */
function cutShard(terms: ReadonlyMap<string, FieldPostings>, fieldLength: readonly Uint32Array[]): Shard {
  const entries: Shard['terms'] = [];
  const docsByField = new Map<number, Set<number>>();
  for (const term of [...terms.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
    (terms.get(term) as FieldPostings).forEach((postings, fieldId) => {
      if (!postings) return;
      let docs = docsByField.get(fieldId);
      if (!docs) docsByField.set(fieldId, (docs = new Set()));
      for (const doc of postings.docs) docs.add(doc);
      const docGaps = gaps(postings.docs);
      entries.push(
        postings.tfs.some((tf) => tf !== 1) ? [term, fieldId, docGaps, postings.tfs] : [term, fieldId, docGaps],
      );
    });
  const lengths: Shard['lengths'] = [...docsByField.keys()]
    .sort((a, b) => a - b)
    .map((fieldId) => {
      const docs = [...(docsByField.get(fieldId) as Set<number>)].sort((a, b) => a - b);
      const field = fieldLength[fieldId] as Uint32Array;
      return [fieldId, gaps(docs), docs.map((doc) => field[doc] as number)];
    });
  return { terms: entries, lengths };
}

/** Ascending numbers as the first and the gaps after it: `[3, 5, 9]` → `[3, 2, 4]`. */
function gaps(sorted: readonly number[]): number[] {
  return sorted.map((n, i) => n - (i === 0 ? 0 : (sorted[i - 1] as number)));
}

/** One shard file's data. */
export interface Shard {
  /** `[term, fieldId, document gaps, term frequencies]`, the frequencies left out when all are 1. */
  readonly terms: (readonly [string, number, number[]] | readonly [string, number, number[], number[]])[];
  /** `[fieldId, document gaps, lengths]`: the field's length in each document the shard's postings name. */
  readonly lengths: (readonly [number, number[], number[]])[];
}

import MiniSearch from 'minisearch';
import type { SiteModel } from '../../src/site/model.js';
import {
  docsPerChunk,
  fieldBoosts,
  kindBoosts,
  searchDocuments,
  searchFields,
  searchKinds,
  searchPaths,
  shardKey,
  tokenize,
  type SearchDocument,
  type SearchField,
  type Shard,
} from '../../src/site/search.js';
import { searchClientScript } from '../../src/site/search-client.js';

/**
 * The site's search files as the first implementation built them: one MiniSearch index over every document,
 * serialised with `toJSON` and cut into shards. `searchFiles` builds the same bytes without MiniSearch's radix tree
 * (test/site/search-bytes.test.ts); this stays as the reference that says what "the same" is.
 */
export function referenceSearchFiles(model: SiteModel, library: string): Map<string, string> {
  const documents = searchDocuments(model);
  const whole = new MiniSearch<{ id: number } & Partial<Record<SearchField, string>>>({
    fields: [...searchFields],
    tokenize,
    processTerm: (term) => term,
  });
  whole.addAll(documents.map((d, id) => ({ id, ...d.text })));
  const serialized = whole.toJSON() as unknown as SerializedIndex;
  const shards = cutShards(serialized);
  const files = new Map<string, string>([
    [searchPaths.library, library],
    [searchPaths.client, searchClientScript],
  ]);
  for (const [key, shard] of shards)
    files.set(searchPaths.shard(key), `stewardSearch.shard(${JSON.stringify(key)},${JSON.stringify(shard)});\n`);
  for (let start = 0; start < documents.length; start += docsPerChunk) {
    const chunk = documents.slice(start, start + docsPerChunk).map((d) => [d.title, d.url, d.context]);
    files.set(
      searchPaths.docs(start / docsPerChunk),
      `stewardSearch.docs(${start / docsPerChunk},${JSON.stringify(chunk)});\n`,
    );
  }
  const meta = searchMeta(documents, serialized, [...shards.keys()]);
  files.set(searchPaths.meta, `stewardSearch.meta(${JSON.stringify(meta)});\n`);
  return files;
}

interface SerializedIndex {
  documentCount: number;
  fieldIds: Record<string, number>;
  fieldLength: Record<string, number[]>;
  averageFieldLength: number[];
  index: [string, Record<string, Record<string, number>>][];
}

function searchMeta(documents: readonly SearchDocument[], whole: SerializedIndex, shardKeys: readonly string[]) {
  const kinds = searchKinds.map((kind) => [kind, documents.filter((d) => d.kind === kind).length] as const);
  return {
    kinds: kinds.map(([kind, count]) => ({ kind, count, boost: kindBoosts[kind] })),
    fields: searchFields,
    fieldBoosts,
    docsPerChunk,
    documentCount: whole.documentCount,
    fieldIds: whole.fieldIds,
    averageFieldLength: whole.averageFieldLength,
    shards: [...shardKeys].sort(),
  };
}

function cutShards(whole: SerializedIndex): Map<string, Shard> {
  const byKey = new Map<string, SerializedIndex['index']>();
  for (const entry of whole.index) {
    const key = shardKey(entry[0]);
    const list = byKey.get(key);
    if (list) list.push(entry);
    else byKey.set(key, [entry]);
  }
  const shards = new Map<string, Shard>();
  for (const key of [...byKey.keys()].sort()) {
    const terms: Shard['terms'] = [];
    const docsByField = new Map<number, Set<number>>();
    for (const [term, fields] of (byKey.get(key) ?? []).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      for (const fieldId of Object.keys(fields)
        .map(Number)
        .sort((a, b) => a - b)) {
        const postings = Object.entries(fields[fieldId] ?? {})
          .map(([doc, tf]) => [Number(doc), tf] as const)
          .sort(([a], [b]) => a - b);
        const docs = docsByField.get(fieldId) ?? new Set<number>();
        for (const [doc] of postings) docs.add(doc);
        docsByField.set(fieldId, docs);
        const tfs = postings.map(([, tf]) => tf);
        const docGaps = gaps(postings.map(([doc]) => doc));
        terms.push(tfs.some((tf) => tf !== 1) ? [term, fieldId, docGaps, tfs] : [term, fieldId, docGaps]);
      }
    const lengths: Shard['lengths'] = [...docsByField.keys()]
      .sort((a, b) => a - b)
      .map((fieldId) => {
        const docs = [...(docsByField.get(fieldId) ?? [])].sort((a, b) => a - b);
        return [fieldId, gaps(docs), docs.map((doc) => whole.fieldLength[doc]?.[fieldId] ?? 0)];
      });
    shards.set(key, { terms, lengths });
  }
  return shards;
}

function gaps(sorted: readonly number[]): number[] {
  return sorted.map((n, i) => n - (i === 0 ? 0 : (sorted[i - 1] as number)));
}

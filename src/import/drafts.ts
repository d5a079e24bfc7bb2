import type { Catalog, Product } from '../catalog/model.js';
import type { InputDraft, PortDraft } from './manifests.js';
import type { ProductFiles } from './schemas.js';

/** One product import writes or extends: `existing` is set when the catalog has it already. */
export interface ProductDraft {
  readonly id: string;
  readonly domainId: string;
  readonly name: string;
  readonly existing?: Product;
  readonly ports: PortDraft[];
  readonly inputs: InputDraft[];
  readonly files: ProductFiles;
  pii: boolean;
}

export function newDraft(catalog: Catalog, id: string, domainId: string, name: string): ProductDraft {
  const existing = catalog.products.get(id);
  const folder = `catalog/${id}`;
  const taken = new Set(
    existing ? [...existing.schemas.keys()].map((p) => p.slice(folder.length + 1)) : ([] as string[]),
  );
  const files: ProductFiles = { folder, files: new Map(), bySubject: new Map(), taken };
  return { id, domainId, name, ...(existing ? { existing } : {}), ports: [], inputs: [], files, pii: false };
}

export function manifestPath(draft: Pick<ProductDraft, 'id'>): string {
  return `catalog/${draft.id}/product.yaml`;
}

/** Names of the product's ports, existing and added: output and input ports share one namespace. */
export function portNames(draft: ProductDraft): Set<string> {
  const manifest = draft.existing?.manifest;
  return new Set([
    ...(manifest?.outputPorts ?? []).map((p) => p.name),
    ...(manifest?.inputPorts ?? []).map((p) => p.name),
    ...draft.ports.map((p) => p.name),
    ...draft.inputs.map((p) => p.name),
  ]);
}

export function uniqueName(taken: ReadonlySet<string>, base: string): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  return name;
}

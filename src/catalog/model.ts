import type { DataNode, PathSegment } from '../core/data-node.js';
import { spanAt } from '../core/data-node.js';
import type { Location } from '../core/findings.js';
import { LineIndex } from '../core/source.js';
import type { AvroType } from '../schema/avro-model.js';
import type { DomainManifest, ProductManifest, RulesManifest, SettingsManifest } from './manifest-types.js';

/**
 * A parsed YAML or JSON file that can point at any of its parts. It keeps only its text: the positioned tree and
 * the line index are rebuilt on first use, since only files with findings need them and a 10,000-product catalog
 * cannot afford to hold every tree.
 */
export class SourceDocument {
  private tree: { root: DataNode | undefined } | undefined;
  private index: LineIndex | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
    private readonly parse: (text: string) => DataNode | undefined,
  ) {}

  get root(): DataNode | undefined {
    this.tree ??= { root: this.parse(this.text) };
    return this.tree.root;
  }

  get lines(): LineIndex {
    this.index ??= new LineIndex(this.path, this.text);
    return this.index;
  }

  /** Location of a value (or of its key), or of the nearest existing ancestor when the path does not exist. */
  locate(path: readonly PathSegment[], options: { key?: boolean } = {}): Location {
    if (!this.root) return { path: this.path, line: 1, column: 1 };
    const span = spanAt(this.root, path, options);
    return this.lines.location(span.start);
  }
}

export interface Domain {
  /** Folder path under catalog/, e.g. `commerce/sales`. */
  readonly id: string;
  /** Id of the enclosing domain; undefined for a top-level domain. */
  readonly parentId: string | undefined;
  readonly manifest: DomainManifest;
  readonly document: SourceDocument;
}

export interface SchemaFile {
  /** Repository path of the .avsc file. */
  readonly path: string;
  readonly document: SourceDocument;
  /** Undefined when the file is not a valid schema (its findings say why). */
  readonly type: AvroType | undefined;
  /** Full names of named types this file takes from other files of its product. */
  readonly references: readonly string[];
}

export interface Product {
  /** Folder path under catalog/, e.g. `commerce/sales/orders`; what input ports refer to. */
  readonly id: string;
  readonly domainId: string;
  readonly manifest: ProductManifest;
  readonly document: SourceDocument;
  /** Every .avsc file of the product, by repository path. */
  readonly schemas: ReadonlyMap<string, SchemaFile>;
}

export interface RulesFile {
  readonly manifest: RulesManifest;
  readonly document: SourceDocument;
}

/**
 * The whole mesh as read from one commit. Only manifests that validated are here; `brokenProducts` holds the ids
 * of products whose manifest did not, so checks can tell "missing" from "present but broken".
 */
export interface Catalog {
  readonly domains: ReadonlyMap<string, Domain>;
  readonly products: ReadonlyMap<string, Product>;
  readonly brokenProducts: ReadonlySet<string>;
  readonly rules: readonly RulesFile[];
  readonly settings: { readonly manifest: SettingsManifest; readonly document: SourceDocument } | undefined;
}

export const catalogRoot = 'catalog/';
export const rulesRoot = 'rules/';
export const settingsPaths = ['.github/steward.yml', '.github/steward.yaml'] as const;

/** Repository path of a file inside a product or domain folder. */
export function catalogPath(id: string, file: string): string {
  return `${catalogRoot}${id}/${file}`;
}

import type { Catalog } from '../catalog/model.js';
import { SourceDocument } from '../catalog/model.js';
import { sortFindings, type Finding, type Location } from '../core/findings.js';
import { parseYaml } from '../core/yaml-parse.js';
import { ruleEntry } from '../rules/registry.js';
import { manifestPath, type ProductDraft } from './drafts.js';
import type { ImportOptions } from './import.js';
import { inputItem, portItem, renderDomain, renderProduct } from './manifests.js';
import type { PendingFinding } from './schemas.js';
import { editYaml, type YamlEdit } from './yaml-edit.js';

/**
 * The drafts as files: a new product's manifest and schemas (and a domain.yaml for each domain folder the catalog
 * lacks), or, for a product the catalog has, its manifest with the new ports appended (everything else of it as
 * written). Then each pending finding is placed on the line of the file as written.
 */
export function emitFiles(
  catalog: Catalog,
  drafts: readonly ProductDraft[],
  options: ImportOptions,
  pending: readonly PendingFinding[],
): { files: Map<string, string>; findings: Finding[] } {
  const files = new Map<string, string>();
  const notices: PendingFinding[] = [];
  for (const draft of [...drafts].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const path = manifestPath(draft);
    for (const [file, text] of draft.files.files) files.set(file, text);
    if (draft.existing) {
      const edits: YamlEdit[] = [
        ...draft.ports.map((p): YamlEdit => ({ kind: 'append', key: 'outputPorts', item: portItem(p) })),
        ...draft.inputs.map((i): YamlEdit => ({ kind: 'append', key: 'inputPorts', item: inputItem(i) })),
      ];
      files.set(path, editYaml(draft.existing.document.text, edits));
      continue;
    }
    files.set(
      path,
      renderProduct({
        path,
        name: draft.name,
        source: options.source,
        owner: options.owner,
        classification: draft.pii ? 'restricted' : 'internal',
        ports: draft.ports,
        inputs: draft.inputs,
      }),
    );
    notices.push({
      ruleId: 'IMPORT_DRAFT',
      file: path,
      yamlPath: ['status'],
      message: `Product ${draft.id} is imported as a draft accountable to ${options.owner}; fill in its description, classification, tags, quality and sla, then set status: active.`,
    });
    writeDomains(catalog, draft.domainId, options, files);
  }
  return { files, findings: placeFindings([...pending, ...notices], files) };
}

/** A domain.yaml for each folder of the domain path that is not a domain of the catalog yet. */
function writeDomains(catalog: Catalog, domainId: string, options: ImportOptions, files: Map<string, string>): void {
  const segments = domainId.split('/');
  for (let i = 1; i <= segments.length; i++) {
    const id = segments.slice(0, i).join('/');
    const path = `catalog/${id}/domain.yaml`;
    if (catalog.domains.has(id) || files.has(path)) continue;
    files.set(path, renderDomain(path, segments[i - 1] as string, options.owner, options.source));
  }
}

function placeFindings(pending: readonly PendingFinding[], files: ReadonlyMap<string, string>): Finding[] {
  const documents = new Map<string, SourceDocument>();
  const locate = (p: PendingFinding): Location => {
    const text = files.get(p.file);
    if (text === undefined || p.yamlPath === undefined || !p.file.endsWith('.yaml'))
      return { path: p.file, line: 1, column: 1 };
    let doc = documents.get(p.file);
    if (!doc) {
      doc = new SourceDocument(p.file, text, (t) => parseYaml(t).root);
      documents.set(p.file, doc);
    }
    return doc.locate(p.yamlPath);
  };
  return sortFindings(
    pending.map((p) => ({
      ruleId: p.ruleId,
      severity: ruleEntry(p.ruleId).severity,
      message: p.message,
      location: locate(p),
    })),
  );
}

import type { AvroEnum, AvroField, AvroNamed, AvroRecord, AvroType, LogicalType } from '../schema/avro-model.js';
import { shortName } from '../schema/avro-model.js';
import { html, type Html } from './html.js';

/**
 * A schema as consumers read it: one table row per field (name, type, default, doc, tags), with each record or
 * enum it uses expandable in a <details> under the field. A named type is expanded where it first appears; later
 * uses (a shared `Money`, a recursive `Node`) link to that place, so a page stays linear in the schema's size
 * however often its types are reused. `anchor` makes the ids unique on the page (one per port and role).
 */
export function renderSchemaTable(type: AvroType, anchor: string): Html {
  const context: Context = { anchor, expanded: new Set() };
  if (type.type === 'record' || type.type === 'error') {
    context.expanded.add(type.name);
    return html`<div id="${typeAnchor(anchor, type.name)}">${namedHeading(type)}${fieldTable(type, context, 0)}</div>`;
  }
  return html`<p>Type: ${typeLabel(type, context)}</p>
    ${nestedTypes(type, context, 0)}`;
}

interface Context {
  readonly anchor: string;
  /** Full names already expanded on this table: later uses link to them. */
  readonly expanded: Set<string>;
}

/** Beyond this depth a schema is summarised, not drawn: no consumer reads a table nested fifty deep. */
const maxDepth = 12;

function typeAnchor(anchor: string, fullName: string): string {
  return `${anchor}-${fullName}`;
}

/** The id of a field's row, so search results link to it: Avro names have no `-`, so ids cannot collide. */
export function fieldAnchor(anchor: string, recordName: string, fieldName: string): string {
  return `${typeAnchor(anchor, recordName)}-${fieldName}`;
}

function namedHeading(t: AvroNamed): Html {
  return html`<p><code title="${t.name}">${shortName(t.name)}</code> (${t.type})${t.doc ? html` — ${t.doc}` : ''}</p>`;
}

function fieldTable(record: AvroRecord, context: Context, depth: number): Html {
  const rows = record.fields.map((field) => fieldRows(record, field, context, depth));
  return html`<table class="fields">
    <thead>
      <tr>
        <th scope="col">Field</th>
        <th scope="col">Type</th>
        <th scope="col">Default</th>
        <th scope="col">Description</th>
        <th scope="col">Tags</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table> `;
}

function fieldRows(record: AvroRecord, field: AvroField, context: Context, depth: number): Html {
  const nested = nestedTypes(field.type, context, depth + 1);
  const row = html`<tr id="${fieldAnchor(context.anchor, record.name, field.name)}">
    <td><code>${field.name}</code></td>
    <td>${typeLabel(field.type, context)}</td>
    <td>${defaultLabel(field)}</td>
    <td>${field.doc ?? ''}</td>
    <td>${fieldTags(field)}</td>
  </tr> `;
  return nested.text === ''
    ? row
    : html`${row}
        <tr>
          <td class="nested" colspan="5">${nested}</td>
        </tr> `;
}

/** The records and enums a type uses directly (through unions, arrays and maps), each expanded once per table. */
function nestedTypes(type: AvroType, context: Context, depth: number): Html {
  const parts: Html[] = [];
  for (const named of namedTypesIn(type)) {
    if (named.type === 'fixed' || context.expanded.has(named.name)) continue;
    context.expanded.add(named.name);
    const id = typeAnchor(context.anchor, named.name);
    const body =
      named.type === 'enum'
        ? enumBody(named)
        : depth >= maxDepth
          ? html`<p class="muted">Nested more than ${maxDepth} levels deep; see the schema file for the rest.</p>`
          : fieldTable(named, context, depth);
    parts.push(
      html`<details id="${id}">
        <summary>
          <code title="${named.name}">${shortName(named.name)}</code>
          (${named.type})${named.doc ? html` — ${named.doc}` : ''}
        </summary>
        ${body}
      </details>`,
    );
  }
  return html`${parts}`;
}

function enumBody(t: AvroEnum): Html {
  const symbols = t.symbols.map((s) => html`<code>${s}</code> `);
  return html`<p>Symbols: ${symbols}${t.default === undefined ? '' : html`(default <code>${t.default}</code>)`}</p>`;
}

/** Named types reachable from `type` without passing through a named type. */
export function namedTypesIn(type: AvroType): AvroNamed[] {
  switch (type.type) {
    case 'record':
    case 'error':
    case 'enum':
    case 'fixed':
      return [type];
    case 'array':
      return namedTypesIn(type.items);
    case 'map':
      return namedTypesIn(type.values);
    case 'union':
      return type.branches.flatMap(namedTypesIn);
    default:
      return [];
  }
}

/** `string`, `long (timestamp-millis)`, `bytes (decimal 12,2)`, `null | Money`, `array<OrderLine>`, `map<string>`. */
function typeLabel(type: AvroType, context: Context): Html {
  switch (type.type) {
    case 'array':
      return html`array&lt;${typeLabel(type.items, context)}&gt;`;
    case 'map':
      return html`map&lt;string, ${typeLabel(type.values, context)}&gt;`;
    case 'union':
      return html`${type.branches.map((b, i) => html`${i > 0 ? html` | ` : ''}${typeLabel(b, context)}`)}`;
    case 'record':
    case 'error':
    case 'enum':
      return html`<a href="#${typeAnchor(context.anchor, type.name)}" title="${type.name}">${shortName(type.name)}</a>`;
    case 'fixed':
      return html`<span title="${type.name}">${shortName(type.name)}</span> (fixed, ${type.size}
        bytes${type.logicalType ? html`, ${logicalLabel(type.logicalType)}` : ''})`;
    default:
      return type.logicalType ? html`${type.type} (${logicalLabel(type.logicalType)})` : html`${type.type}`;
  }
}

function logicalLabel(logical: LogicalType): string {
  return logical.name === 'decimal' ? `decimal ${logical.precision},${logical.scale}` : logical.name;
}

const maxDefaultChars = 200;

function defaultLabel(field: AvroField): Html {
  if (!field.hasDefault) return html`<span class="muted">—</span>`;
  const json = JSON.stringify(field.default) ?? 'null';
  const shown = json.length > maxDefaultChars ? `${json.slice(0, maxDefaultChars)}…` : json;
  return html`<code>${shown}</code>`;
}

/** A field's custom properties: `"pii": true` shows as the tag `pii`, any other value as `name: value`. */
function fieldTags(field: AvroField): Html {
  const tags = Object.entries(field.props).map(([name, value]) =>
    value === true
      ? html`<span class="tag ${name === 'pii' ? 'pii' : ''}">${name}</span>`
      : html`<span class="tag">${name}: ${JSON.stringify(value) ?? String(value)}</span>`,
  );
  return html`${tags}`;
}

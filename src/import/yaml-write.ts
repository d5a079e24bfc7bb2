/**
 * A small YAML emitter for the manifests import writes: block mappings and sequences in the order given, lists of
 * scalars in flow style (`accountable: ["@acme/orders"]`, as the example catalog writes them), strings plain when
 * YAML 1.2 (and 1.1 readers) would read them back as the same string, else JSON-quoted (a JSON string is a valid
 * YAML double-quoted scalar).
 */
export type YamlValue = string | number | boolean | readonly YamlValue[] | { readonly [key: string]: YamlValue };

/** Renders a mapping as a YAML document body (no trailing `---`), every line ending in a newline. */
export function renderYaml(value: { readonly [key: string]: YamlValue }): string {
  return renderMapping(value, 0).join('\n') + '\n';
}

/** The lines of a mapping at `indent` spaces; a nested empty mapping or list is written in flow style. */
export function renderMapping(value: { readonly [key: string]: YamlValue }, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const k = renderKey(key);
    if (isScalar(item) || isFlowList(item) || isEmpty(item)) lines.push(`${pad}${k}: ${renderInline(item)}`);
    else if (Array.isArray(item)) lines.push(`${pad}${k}:`, ...renderSequence(item, indent + 2));
    else lines.push(`${pad}${k}:`, ...renderMapping(item as { [key: string]: YamlValue }, indent + 2));
  }
  return lines;
}

/** A block sequence of mappings (or scalars) at `indent`: `- key: value`, the rest of each item below it. */
export function renderSequence(items: readonly YamlValue[], indent: number): string[] {
  const pad = ' '.repeat(indent);
  return items.flatMap((item) => {
    if (isScalar(item) || isFlowList(item) || isEmpty(item)) return [`${pad}- ${renderInline(item)}`];
    const body = Array.isArray(item)
      ? renderSequence(item, indent + 2)
      : renderMapping(item as { [key: string]: YamlValue }, indent + 2);
    const [first = '', ...rest] = body;
    return [`${pad}- ${first.slice(indent + 2)}`, ...rest];
  });
}

/** A scalar as YAML: plain when it reads back as the same string, else JSON-quoted. */
export function renderScalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return isPlainSafe(value) ? value : JSON.stringify(value);
}

function renderInline(value: YamlValue): string {
  if (Array.isArray(value)) return `[${value.map((v) => renderInline(v)).join(', ')}]`;
  if (isScalar(value)) return renderScalar(value);
  const entries = Object.entries(value as { [key: string]: YamlValue });
  return entries.length === 0
    ? '{}'
    : `{ ${entries.map(([k, v]) => `${renderKey(k)}: ${renderInline(v)}`).join(', ')} }`;
}

function renderKey(key: string): string {
  return isPlainSafe(key) ? key : JSON.stringify(key);
}

function isScalar(value: YamlValue): value is string | number | boolean {
  return typeof value !== 'object';
}

function isFlowList(value: YamlValue): boolean {
  return Array.isArray(value) && value.every((v) => isScalar(v));
}

function isEmpty(value: YamlValue): boolean {
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** Words YAML 1.2 core or 1.1 would read as something other than a string. */
const specialWords = /^(?:true|false|yes|no|on|off|y|n|null|~|\.inf|-\.inf|\.nan)$/i;
/** Safe plain scalars: start with a letter or digit, no `: `, ` #`, flow or quote characters. */
const plainShape = /^[A-Za-z0-9][A-Za-z0-9 ._/:@+=-]*$/;

function isPlainSafe(text: string): boolean {
  if (!plainShape.test(text) || text.endsWith(' ') || text.endsWith(':')) return false;
  if (text.includes(': ') || text.includes(' #') || specialWords.test(text)) return false;
  // Anything that looks like a number (or a date, or a sexagesimal number to YAML 1.1) is quoted.
  return !/^[-+0-9.:_eE]+$/.test(text) && !/^0[box]/i.test(text) && !/^\d{4}-\d\d-\d\d/.test(text);
}

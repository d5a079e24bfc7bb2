import type { RuleTable } from './rule-entry.js';

/** Files and syntax: findings about files, YAML and JSON syntax. */
export const fileRules = {
  SOURCE_SYMLINK: {
    severity: 'error',
    summary: 'A catalog, rules or settings path is a symbolic link, which is never followed.',
    doc: 'A file or folder under `catalog/`, `rules/` or `.github/steward.yml` is a symbolic link. Links are never followed (they could point outside the repository); commit the file itself.',
  },
  SOURCE_NOT_REGULAR: {
    severity: 'error',
    summary: 'A path that must be a regular file (or a folder) is something else.',
    doc: 'A path that must be a regular file is something else (a folder named `product.yaml`, a FIFO, a socket, a device), or `catalog`, `rules` or `.github` is not a folder. It is never opened (a FIFO would block the reader); replace it with the file (or folder) itself.',
  },
  FILE_NAME_NOT_UTF8: {
    severity: 'error',
    summary: 'A file or folder name is not valid UTF-8.',
    doc: 'A file or folder name under `catalog/` or `rules/` is not valid UTF-8 (the finding shows each bad byte as U+FFFD). Git, GitHub and editors disagree on such names; rename it using UTF-8.',
  },
  FILE_TOO_LARGE: {
    severity: 'error',
    summary: 'A catalog file is over 1 MiB, so it is not read.',
    doc: 'A catalog file is over 1 MiB; it is not read. No manifest or schema needs that much; split it or remove generated content.',
  },
  FILE_NOT_UTF8: {
    severity: 'error',
    summary: 'A file is not valid UTF-8.',
    doc: 'The file is not valid UTF-8; the finding gives the line of the first bad byte. Save it as UTF-8 (a BOM is fine).',
  },
  YAML_SYNTAX: {
    severity: 'error',
    summary: 'A YAML file does not parse, or holds more than one document.',
    doc: 'The YAML does not parse (only the first error is reported: later ones are usually echoes), holds more than one document, or uses a non-string key. A `warning` with this id flags tab indentation.',
  },
  YAML_DUPLICATE_KEY: {
    severity: 'error',
    summary: 'A key appears twice in one YAML mapping.',
    doc: 'A key appears twice in one mapping; reported at the second one. YAML readers disagree on which wins.',
  },
  YAML_TOO_DEEP: {
    severity: 'error',
    summary: 'YAML nesting goes beyond 64 levels.',
    doc: 'Nesting beyond 64 levels. Manifests need about six.',
  },
  YAML_ALIAS_LIMIT: {
    severity: 'error',
    summary: 'YAML aliases expand the document beyond 100,000 nodes.',
    doc: 'Aliases expand the document beyond 100,000 nodes (a "billion laughs" document). Write values out.',
  },
  YAML_UNSUPPORTED_TAG: {
    severity: 'error',
    summary: 'A YAML tag outside the YAML 1.2 core schema.',
    doc: 'A tag outside the YAML 1.2 core schema (`!!binary`, `!!timestamp`, `!!set`, `!!omap`, `!!pairs`, a custom `!tag`, a verbatim `!<…>`, `!include`), reported at the tag. Manifests hold only strings, numbers, booleans, null, lists and mappings: remove the tag.',
  },
  YAML_TAG_MISMATCH: {
    severity: 'error',
    summary: 'A YAML core tag that does not fit its value.',
    doc: 'A core tag that does not fit its value: `!!int six`, `!!bool yes`, or `!!str`/`!!int`/… on a mapping or list (`!!map`/`!!seq` on a scalar). Core tags are honoured otherwise: `!!str 3` is the string `"3"`.',
  },
  AVRO_SYNTAX: {
    severity: 'error',
    summary: 'An .avsc file is not strict JSON.',
    doc: 'An `.avsc` file is not strict JSON (comments, trailing commas, single quotes, nesting deeper than 256).',
  },
  AVRO_DUPLICATE_KEY: {
    severity: 'error',
    summary: 'A JSON object in an .avsc file repeats a key.',
    doc: 'A JSON object in an `.avsc` repeats a key. `steward compat` reports it as a `warning` in the versions it compares.',
  },
} satisfies RuleTable;

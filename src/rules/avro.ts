import type { RuleTable } from './rule-entry.js';

/** Avro schemas: findings about Avro schema files as parsed. */
export const avroRules = {
  AVRO_INVALID: {
    severity: 'error',
    summary: 'A schema is not valid Avro.',
    doc: "The schema is not valid Avro: a missing `name`/`fields`/`symbols`/`size`, an invalid name or namespace, a record, enum or fixed named after a primitive type (`int`, `null`, `string`, … in any namespace: the specification forbids it and the registry refuses it, although Java's parser only refuses the unqualified form), duplicate field names or enum symbols, a union inside a union or with a type twice, an enum default that is not a symbol.",
  },
  AVRO_UNKNOWN_TYPE: {
    severity: 'error',
    summary: 'A type name is neither a primitive nor a named type defined before its use.',
    doc: 'A type name is neither a primitive nor a named type defined before its use in this file or in another `.avsc` file of the same product. The first 50 per product suggest the closest known name.',
  },
  AVRO_DUPLICATE_NAME: {
    severity: 'error',
    summary: "A named type is defined twice in the product's schema files.",
    doc: "A named type is defined twice in the product's schema files; refer to it by name instead.",
  },
  AVRO_INVALID_DEFAULT: {
    severity: 'error',
    summary: 'A field default does not match its type.',
    doc: "A field default does not match its type (for a union: its first branch), as Avro's parser and the registry reject: an `int` or `long` default must be an integer as written (`1.0` and `1e3` are not) within -2^31 … 2^31-1 or -2^63 … 2^63-1; a `bytes` or `fixed` default a string of code points 0-255, one per byte, exactly `size` of them for a `fixed`. The finding points at the wrong part (an array element, a record field's value). Defaults whose type is defined in another file are judged once that file is read.",
  },
  AVRO_INVALID_LOGICAL_TYPE: {
    severity: 'warning',
    summary: 'A logical type that Avro ignores; the value is read as its base type.',
    doc: 'A logical type that Avro ignores (unknown name, wrong base type, decimal scale above precision, precision too large for a fixed). The value is read as its base type.',
  },
} satisfies RuleTable;

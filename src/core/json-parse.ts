import type { ArrayNode, DataNode, ObjectEntry, ObjectNode, ScalarNode, Span } from './data-node.js';

/** JSON nesting allowed before a document is refused: deep enough for any real schema, shallow for the stack. */
export const maxJsonDepth = 256;

export interface JsonProblem {
  readonly offset: number;
  readonly message: string;
  readonly kind: 'syntax' | 'duplicate-key' | 'too-deep';
}

export interface JsonParseResult {
  /** Undefined when the text is not JSON; `problems` then holds the syntax error. */
  readonly root: DataNode | undefined;
  /** Syntax errors end the parse; duplicate keys are reported and parsing goes on (the last one wins). */
  readonly problems: readonly JsonProblem[];
}

class Stop extends Error {}

/**
 * An object entry that keeps its key's offsets as numbers and makes the span object only when asked: most keys are
 * never located, and a schema has thousands of them.
 */
class Entry implements ObjectEntry {
  constructor(
    readonly key: string,
    private readonly keyStart: number,
    private readonly keyEnd: number,
    readonly value: DataNode,
  ) {}

  get keySpan(): Span {
    return { start: this.keyStart, end: this.keyEnd };
  }
}

/** Objects with more keys than this find duplicates with a Set. */
const scanKeysUpTo = 16;

/** A strict RFC 8259 parser that keeps the offsets of every value and key. */
export function parseJson(text: string): JsonParseResult {
  const parser = new JsonParser(text);
  try {
    parser.skipWhitespace();
    const root = parser.parseValue(0);
    parser.skipWhitespace();
    if (parser.pos < text.length) parser.fail('Unexpected content after the end of the JSON value');
    return { root, problems: parser.problems };
  } catch (error) {
    if (error instanceof Stop) return { root: undefined, problems: parser.problems };
    throw error;
  }
}

class JsonParser {
  pos = 0;
  readonly problems: JsonProblem[] = [];

  constructor(private readonly text: string) {}

  fail(message: string, kind: JsonProblem['kind'] = 'syntax', offset = this.pos): never {
    this.problems.push({ offset, message, kind });
    throw new Stop();
  }

  skipWhitespace(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) p++;
      else break;
    }
    this.pos = p;
  }

  parseValue(depth: number): DataNode {
    if (depth > maxJsonDepth) this.fail(`Values are nested deeper than ${maxJsonDepth} levels`, 'too-deep');
    const c = this.text.charCodeAt(this.pos);
    if (c === 0x7b) return this.parseObject(depth);
    if (c === 0x5b) return this.parseArray(depth);
    if (c === 0x22) {
      const start = this.pos;
      const value = this.parseString();
      return { kind: 'scalar', value, start, end: this.pos };
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.parseNumber();
    return this.parseLiteral();
  }

  private parseLiteral(): ScalarNode {
    const start = this.pos;
    const value = this.text.startsWith('true', start)
      ? true
      : this.text.startsWith('false', start)
        ? false
        : this.text.startsWith('null', start)
          ? null
          : undefined;
    if (value !== undefined) {
      this.pos += value === false ? 5 : 4;
      return { kind: 'scalar', value, start, end: this.pos };
    }
    if (start >= this.text.length) this.fail('Unexpected end of file: a value was expected');
    const ch = this.text[start] ?? '';
    if (ch === '/') this.fail('Comments are not allowed in JSON');
    if (ch === "'") this.fail('Strings must use double quotes in JSON');
    if (ch === '}' || ch === ']') this.fail(`Unexpected '${ch}': a value was expected (is there a trailing comma?)`);
    this.fail(`Unexpected character '${ch}': a value was expected`);
  }

  private parseNumber(): ScalarNode {
    const start = this.pos;
    const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    match.lastIndex = start;
    const m = match.exec(this.text);
    if (!m) this.fail('Invalid number');
    this.pos = start + m[0].length;
    return { kind: 'scalar', value: Number(m[0]), start, end: this.pos };
  }

  private parseString(): string {
    const t = this.text;
    const start = ++this.pos;
    // Fast path: most strings have no escapes or control characters, so one slice does.
    const close = t.indexOf('"', start);
    if (close !== -1) {
      let plain = true;
      for (let i = start; i < close; i++) {
        const c = t.charCodeAt(i);
        if (c === 0x5c || c < 0x20) {
          plain = false;
          break;
        }
      }
      if (plain) {
        this.pos = close + 1;
        return t.slice(start, close);
      }
    }
    let p = start;
    let out = '';
    let chunk = start;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 0x22) break;
      if (Number.isNaN(c)) this.fail('Unterminated string', 'syntax', start - 1);
      if (c < 0x20) this.fail('Control characters must be escaped inside strings', 'syntax', p);
      if (c === 0x5c) {
        out += t.slice(chunk, p);
        p = this.parseEscape(p, (s) => (out += s));
        chunk = p;
        continue;
      }
      p++;
    }
    out += t.slice(chunk, p);
    this.pos = p + 1;
    return out;
  }

  private parseEscape(p: number, emit: (s: string) => void): number {
    const e = this.text[p + 1];
    const simple: Record<string, string> = {
      '"': '"',
      '\\': '\\',
      '/': '/',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
    };
    if (e !== undefined && e in simple) {
      emit(simple[e] as string);
      return p + 2;
    }
    if (e === 'u') {
      const hex = this.text.slice(p + 2, p + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid \\u escape: four hex digits expected', 'syntax', p);
      emit(String.fromCharCode(parseInt(hex, 16)));
      return p + 6;
    }
    this.fail(`Invalid escape '\\${e ?? ''}' in string`, 'syntax', p);
  }

  private expect(char: string, what: string): void {
    this.skipWhitespace();
    if (this.text[this.pos] !== char) {
      if (this.pos >= this.text.length) this.fail(`Unexpected end of file: ${what} expected`);
      this.fail(`Expected ${what} but found '${this.text[this.pos]}'`);
    }
    this.pos++;
  }

  private parseObject(depth: number): ObjectNode {
    const start = this.pos++;
    const entries: ObjectEntry[] = [];
    // Most objects have a few keys: a scan finds a duplicate faster than a Set costs to build.
    let seen: Set<string> | undefined;
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { kind: 'object', entries, start, end: this.pos };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') {
        if (this.text[this.pos] === '}') this.fail("Trailing comma before '}' is not allowed in JSON");
        this.fail('Expected a property name in double quotes');
      }
      const keyStart = this.pos;
      const key = this.parseString();
      const keyEnd = this.pos;
      if (entries.length === scanKeysUpTo) seen = new Set(entries.map((e) => e.key));
      if (seen ? seen.has(key) : entries.some((e) => e.key === key))
        this.problems.push({ offset: keyStart, message: `Duplicate key "${key}"`, kind: 'duplicate-key' });
      seen?.add(key);
      this.expect(':', "':' after the property name");
      this.skipWhitespace();
      entries.push(new Entry(key, keyStart, keyEnd, this.parseValue(depth + 1)));
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '}') {
        this.pos++;
        return { kind: 'object', entries, start, end: this.pos };
      }
      if (c === undefined) this.fail("Unexpected end of file: ',' or '}' expected");
      this.fail(`Expected ',' or '}' after a property value but found '${c}'`);
    }
  }

  private parseArray(depth: number): ArrayNode {
    const start = this.pos++;
    const items: DataNode[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { kind: 'array', items, start, end: this.pos };
    }
    for (;;) {
      this.skipWhitespace();
      items.push(this.parseValue(depth + 1));
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ']') {
        this.pos++;
        return { kind: 'array', items, start, end: this.pos };
      }
      if (c === undefined) this.fail("Unexpected end of file: ',' or ']' expected");
      this.fail(`Expected ',' or ']' after an array item but found '${c}'`);
    }
  }
}

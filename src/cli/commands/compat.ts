import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { SourceError } from '../../core/errors.js';
import { maxFileBytes } from '../../core/source.js';
import { renderCompatJson, renderCompatText } from '../../render/compat.js';
import { checkCompatibility } from '../../schema/compat-check.js';
import { compatibilityLevels, type CompatibilityLevel } from '../../schema/compat-levels.js';
import type { SchemaText } from '../../schema/avro-version.js';
import { exitCodes, parseFormat, UsageError, type CliIo } from '../io.js';

interface CompatOptions {
  readonly level: string;
  readonly format: string;
  readonly reference: readonly string[];
}

/** `steward compat`: judges a candidate .avsc against earlier versions given oldest first. */
export async function runCompat(
  io: CliIo,
  candidate: string,
  previous: readonly string[],
  options: CompatOptions,
): Promise<number> {
  const level = parseLevel(options.level);
  const format = parseFormat(options.format, ['text', 'json']);
  const [cand, ...prev] = await Promise.all([candidate, ...previous].map((file) => readSchema(io, file)));
  const references = await Promise.all(options.reference.map((file) => readSchema(io, file)));
  const result = checkCompatibility(
    { ...(cand as SchemaText), references },
    prev.map((p) => ({ ...p, references })),
    level,
  );
  io.out(format === 'json' ? renderCompatJson(result) : renderCompatText(result));
  if (result.status === 'invalid') return exitCodes.usage;
  return result.status === 'compatible' ? exitCodes.ok : exitCodes.findings;
}

function parseLevel(value: string): CompatibilityLevel {
  const upper = value.toUpperCase();
  if ((compatibilityLevels as readonly string[]).includes(upper)) return upper as CompatibilityLevel;
  throw new UsageError(`Unknown compatibility level "${value}"; use one of: ${compatibilityLevels.join(', ')}.`);
}

/**
 * Reads a file given on the command line; its path in findings is relative to the working directory. Only a regular
 * file of at most `maxFileBytes` is read: it is opened without blocking and checked before any read, so a FIFO, a
 * device or a folder is a usage error instead of a hang.
 */
async function readSchema(io: CliIo, file: string): Promise<SchemaText> {
  const absolute = isAbsolute(file) ? file : resolve(io.cwd, file);
  const path = relative(io.cwd, absolute).split('\\').join('/') || file;
  let handle;
  try {
    handle = await open(absolute, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new SourceError(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile())
      throw new UsageError(`${file} is not a regular file (it is ${kindOf(stat)}); give compat .avsc files.`);
    if (stat.size > maxFileBytes)
      throw new UsageError(`${file} is ${stat.size} bytes, above the ${maxFileBytes}-byte limit for a schema file.`);
    return { path, text: await handle.readFile('utf8') };
  } finally {
    await handle.close();
  }
}

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  return 'a device';
}

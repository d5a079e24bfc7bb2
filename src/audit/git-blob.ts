import { createHash } from 'node:crypto';

/** The id git gives a blob of this text (`git hash-object`): how a writer tells that a note already says it. */
export function gitBlobSha(text: string): string {
  const body = Buffer.from(text, 'utf8');
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${body.length}\0`), body]))
    .digest('hex');
}

/**
 * A pass-through stream that hashes (SHA-256) and counts what flows through
 * it, so a pipeline can learn a digest without holding the bytes.
 */
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';

export interface DigestTap {
  stream: Transform;
  /** `sha256:<hex>`; valid once the stream has finished. */
  digest(): string;
  /** Bytes seen so far. */
  bytes(): number;
}

export function digestTap(): DigestTap {
  const hash = createHash('sha256');
  let count = 0;
  let result: string | undefined;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      count += chunk.length;
      done(null, chunk);
    },
  });
  return {
    stream,
    digest: () => (result ??= `sha256:${hash.digest('hex')}`),
    bytes: () => count,
  };
}

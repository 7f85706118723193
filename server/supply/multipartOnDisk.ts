/**
 * Minimal multipart/form-data support for `POST /api/verify`: the body is
 * streamed to a temp file (capped), then the parts are located by byte range,
 * so a multi-gigabyte image is never held in memory.
 */
import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors/AppError.ts';
import type { ByteRange } from './readOciArchiveDigest.ts';

export interface PartRange extends ByteRange {
  name: string;
  filename?: string;
}


/** Copies `body` to `path`; past `maxBytes` it fails with 413. */
export async function saveBody(body: Readable, path: string, maxBytes: number): Promise<number> {
  let total = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      total += chunk.length;
      if (total > maxBytes) cb(new AppError('payload_too_large', 413, `upload is larger than ${maxBytes} bytes`));
      else cb(null, chunk);
    },
  });
  await pipeline(body, cap, createWriteStream(path, { mode: 0o600 }));
  return total;
}

/** Finds every `\r\n--boundary` in the file (the first delimiter may start the file). */
async function delimiterOffsets(path: string, boundary: string): Promise<number[]> {
  const delim = Buffer.from(`\r\n--${boundary}`);
  const fh = await open(path, 'r');
  const found: number[] = [];
  try {
    const chunk = Buffer.alloc(1 << 20);
    // A virtual CRLF before the file lets a leading `--boundary` match too.
    let carry: Buffer = Buffer.from('\r\n');
    let carryStart = -2;
    for (;;) {
      const { bytesRead } = await fh.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      const hay = Buffer.concat([carry, chunk.subarray(0, bytesRead)]);
      let i = hay.indexOf(delim);
      while (i !== -1) {
        found.push(carryStart + i);
        i = hay.indexOf(delim, i + 1);
      }
      const keep = Math.min(delim.length - 1, hay.length);
      carryStart += hay.length - keep;
      carry = Buffer.from(hay.subarray(hay.length - keep));
    }
  } finally {
    await fh.close();
  }
  return [...new Set(found)].sort((a, b) => a - b);
}

export async function multipartParts(path: string, boundary: string, fileSize: number): Promise<PartRange[]> {
  const offsets = await delimiterOffsets(path, boundary);
  const delimLen = boundary.length + 4;
  const parts: PartRange[] = [];
  const fh = await open(path, 'r');
  try {
    for (let k = 0; k + 1 < offsets.length; k++) {
      const afterDelim = (offsets[k] as number) + delimLen;
      const head = Buffer.alloc(Math.min(8192, Math.max(0, fileSize - afterDelim)));
      await fh.read(head, 0, head.length, afterDelim);
      if (head.subarray(0, 2).toString() === '--') break;
      if (head.subarray(0, 2).toString() !== '\r\n') throw new AppError('invalid_multipart', 400, 'multipart delimiter is not followed by CRLF');
      const end = head.indexOf('\r\n\r\n', 2);
      if (end === -1) throw new AppError('invalid_multipart', 400, 'multipart part headers are malformed');
      const headers = head.subarray(0, end).toString('utf8');
      const disp = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
      const name = /\bname="([^"]*)"/i.exec(disp)?.[1];
      if (name === undefined) throw new AppError('invalid_multipart', 400, 'multipart part without a name');
      const filename = /\bfilename="([^"]*)"/i.exec(disp)?.[1];
      const part: PartRange = { name, start: afterDelim + end + 4, end: offsets[k + 1] as number };
      if (filename !== undefined) part.filename = filename;
      parts.push(part);
    }
  } finally {
    await fh.close();
  }
  return parts;
}

export async function readRange(path: string, r: ByteRange, maxBytes: number, what: string): Promise<Buffer> {
  const len = r.end - r.start;
  if (len > maxBytes) throw new AppError('payload_too_large', 413, `${what} is larger than ${maxBytes} bytes`);
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(Math.max(0, len));
    await fh.read(buf, 0, buf.length, r.start);
    return buf;
  } finally {
    await fh.close();
  }
}

import { createReadStream, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';

/** Streams a small file as an attachment; a broken stream ends the response. */
export async function sendFile(
  res: Response,
  file: { path: string; filename: string; contentType: string },
): Promise<void> {
  res.attachment(file.filename);
  res.type(file.contentType);
  res.set('Content-Length', String(statSync(file.path).size));
  res.set('Cache-Control', 'no-store');
  try {
    await pipeline(createReadStream(file.path), res);
  } catch (e) {
    if (!res.destroyed) res.destroy(e instanceof Error ? e : undefined);
  }
}

/** Streams a download with backpressure; a broken stream ends the response. */
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import type { Download } from '../usecases/buildDownloads.ts';

export async function sendDownload(res: Response, d: Download): Promise<void> {
  res.attachment(d.filename);
  res.type(d.contentType);
  if (d.size !== undefined) res.set('Content-Length', String(d.size));
  res.set('Cache-Control', 'no-store');
  try {
    await pipeline(d.open(), res);
  } catch (e) {
    // The client went away, or a file vanished mid-stream (headers are gone):
    // nothing to answer; make sure the socket is closed.
    if (!res.destroyed) res.destroy(e instanceof Error ? e : undefined);
  }
}

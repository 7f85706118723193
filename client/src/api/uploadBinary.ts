import { requestJson } from './requestApi.ts';

/** What `POST /api/uploads` answers: the new catalog entry's essentials. */
export interface UploadEntry {
  id: string;
  name: string;
  sizeBytes: number;
  installPath: string;
  formation: string;
}

/** A name the server accepts, `[a-z0-9][a-z0-9._-]{0,63}`, from a file name. */
export function uploadNameFrom(fileName: string): string {
  const slug = fileName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 64);
  return slug || 'binary';
}

/** Sends the file as the raw body; the server checks it is a static x86-64 ELF. */
export function uploadBinary(file: Blob, name: string, installPath?: string): Promise<UploadEntry> {
  const query = new URLSearchParams({ name });
  if (installPath) query.set('path', installPath);
  return requestJson<UploadEntry>(`/api/uploads?${query.toString()}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: file,
  });
}

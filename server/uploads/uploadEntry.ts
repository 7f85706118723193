import type { Formation } from '../../shared/catalog/types.ts';
import { formationOf } from '../../shared/catalog/formationOf.ts';
import type { UploadRow } from './UploadRepository.ts';

/** What `POST /api/uploads` and `GET /api/uploads` return per upload. */
export interface UploadEntry {
  /** `upload:sha256:<hex>`, the component ref designs use. */
  id: string;
  name: string;
  sha256: string;
  sizeBytes: number;
  installPath: string;
  formation: Formation;
  createdAt: string;
  updatedAt: string;
}

export const uploadRef = (sha256: string): string => `upload:sha256:${sha256}`;

export function toUploadEntry(row: UploadRow): UploadEntry {
  return {
    id: uploadRef(row.sha256),
    name: row.name,
    sha256: row.sha256,
    sizeBytes: row.size_bytes,
    installPath: row.install_path,
    formation: formationOf(row.size_bytes),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

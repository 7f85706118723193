import type { Design } from '../../../shared/design/types.ts';
import type { DesignSummary, SavedRevision, StoredDesign } from '../../../shared/api/types.ts';
import { ApiError } from './ApiError.ts';
import { authHeaders } from './apiToken.ts';
import { jsonBody, requestJson, requestVoid } from './requestApi.ts';

export type { DesignSummary, SavedRevision, StoredDesign };

/** What PUT answers: saved, or the server's newer copy to choose against. */
export type UpdateOutcome =
  { ok: true; saved: SavedRevision } | { ok: false; current: StoredDesign; yourRevision: number };

const designUrl = (id: string) => `/api/designs/${encodeURIComponent(id)}`;

export async function listDesigns(q = ''): Promise<DesignSummary[]> {
  const query = q.trim() ? `?q=${encodeURIComponent(q.trim())}` : '';
  return (await requestJson<{ designs: DesignSummary[] }>(`/api/designs${query}`)).designs;
}

export function createDesign(design: Design): Promise<SavedRevision> {
  return requestJson<SavedRevision>('/api/designs', jsonBody(design));
}

export function getDesign(id: string): Promise<StoredDesign> {
  return requestJson<StoredDesign>(designUrl(id));
}

/** PUT with If-Match; a 409 is an answer (someone else saved), not an error. */
export async function updateDesign(id: string, design: Design, revision: number): Promise<UpdateOutcome> {
  const response = await fetch(designUrl(id), {
    method: 'PUT',
    headers: { ...authHeaders(), 'content-type': 'application/json', 'if-match': `"${revision}"` },
    body: JSON.stringify(design),
  });
  if (response.status === 409) {
    const body = (await response.json()) as { current: StoredDesign; yours: { revision: number } };
    return { ok: false, current: { ...body.current, id }, yourRevision: body.yours.revision };
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'http',
      body?.error?.message ?? `${response.status} save failed`,
    );
  }
  const saved = (await response.json()) as SavedRevision;
  return { ok: true, saved };
}

export function deleteDesign(id: string): Promise<void> {
  return requestVoid(designUrl(id), { method: 'DELETE' });
}

export function restoreDesign(id: string): Promise<SavedRevision> {
  return requestJson<SavedRevision>(`${designUrl(id)}/restore`, { method: 'POST' });
}

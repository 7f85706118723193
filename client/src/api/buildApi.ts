import type { CreateBuildRequest, CreateBuildResponse } from '../../../shared/api/types.ts';
import { jsonBody, requestJson } from './requestApi.ts';

export function createBuild(request: CreateBuildRequest): Promise<CreateBuildResponse> {
  return requestJson<CreateBuildResponse>('/api/builds', jsonBody(request));
}

export async function cancelBuild(id: string): Promise<void> {
  await fetch(`/api/builds/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export const buildImageUrl = (id: string) => `/api/builds/${encodeURIComponent(id)}/image`;
export const buildContextUrl = (id: string) => `/api/builds/${encodeURIComponent(id)}/context`;

import type { CreateBuildRequest, CreateBuildResponse } from '../../../shared/api/types.ts';
import { withToken } from './apiToken.ts';
import { jsonBody, requestJson, requestVoid } from './requestApi.ts';

export function createBuild(request: CreateBuildRequest): Promise<CreateBuildResponse> {
  return requestJson<CreateBuildResponse>('/api/builds', jsonBody(request));
}

export function cancelBuild(id: string): Promise<void> {
  return requestVoid(`/api/builds/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export const buildImageUrl = (id: string) => withToken(`/api/builds/${encodeURIComponent(id)}/image`);
export const buildContextUrl = (id: string) => withToken(`/api/builds/${encodeURIComponent(id)}/context`);

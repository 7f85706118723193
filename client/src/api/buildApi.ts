import type { BuildRecord, CreateBuildRequest, CreateBuildResponse } from '../../../shared/api/types.ts';
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

/** react-query key of the build history lists. */
export const BUILDS_QUERY_KEY = ['builds'] as const;

const buildUrl = (id: string) => `/api/builds/${encodeURIComponent(id)}`;

/** Past builds, newest first: of one saved design, or all recent ones. */
export async function listBuilds(designId: string | null, limit = 10): Promise<BuildRecord[]> {
  const query = designId ? `design=${encodeURIComponent(designId)}&limit=${limit}` : `limit=${limit}`;
  return (await requestJson<{ builds: BuildRecord[] }>(`/api/builds?${query}`)).builds;
}

/** The SSE address of a build: a past build's stored log replays there and ends. */
export const buildEventsUrl = (id: string) => `${buildUrl(id)}/events`;

export function rebuild(id: string): Promise<CreateBuildResponse> {
  return requestJson<CreateBuildResponse>(`${buildUrl(id)}/rebuild`, { method: 'POST' });
}

export const buildSbomUrl = (id: string, format: 'spdx' | 'cyclonedx') => withToken(`${buildUrl(id)}/sbom?format=${format}`);
export const buildSignatureUrl = (id: string) => withToken(`${buildUrl(id)}/signature`);

import { useQuery } from '@tanstack/react-query';
import type { HealthResponse } from '../../../shared/api/types.ts';
import { requestJson } from './requestApi.ts';

/** Which engines this server has (podman, zig, builtin). */
export function useHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: ({ signal }) => requestJson<HealthResponse>('/api/health', { signal }),
    staleTime: 30_000,
  });
}

import type { ApiErrorBody } from '../../../shared/api/types.ts';
import { ApiError } from './ApiError.ts';
import { authHeaders } from './apiToken.ts';

function withAuth(init: RequestInit = {}): RequestInit {
  return { ...init, headers: { ...authHeaders(), ...(init.headers as Record<string, string> | undefined) } };
}

async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as Partial<ApiErrorBody>;
    if (body.error && typeof body.error.message === 'string') {
      return new ApiError(response.status, body.error.code ?? 'error', body.error.message, body.error.path);
    }
  } catch {
    // Not JSON (a proxy error page, say): fall through to the status line.
  }
  return new ApiError(response.status, 'http', `${response.status} ${response.statusText || 'request failed'}`.trim());
}

/** Fetches JSON from the API, turning error bodies into {@link ApiError}. */
export async function requestJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, withAuth(init));
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as T;
}

/** Fetches text (the Containerfile endpoint), with the same error handling. */
export async function requestText(url: string, init?: RequestInit): Promise<string> {
  const response = await fetch(url, withAuth(init));
  if (!response.ok) throw await toApiError(response);
  return response.text();
}

/** A request whose status alone matters (DELETE). */
export async function requestVoid(url: string, init?: RequestInit): Promise<void> {
  const response = await fetch(url, withAuth(init));
  if (!response.ok) throw await toApiError(response);
}

export function jsonBody(body: unknown, method = 'POST'): RequestInit {
  return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

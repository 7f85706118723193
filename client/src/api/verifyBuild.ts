import { authHeaders } from './apiToken.ts';
import { requestJson } from './requestApi.ts';

export interface VerifyCheck {
  name: string;
  ok: boolean;
  message: string;
}

export interface VerifyOutcome {
  ok: boolean;
  checks: VerifyCheck[];
  /** The server's one-line reason when verification failed. */
  reason?: string;
}

/**
 * Fetches a build's signature bundle and has the server verify it against the
 * build's image digest. A 422 (a check failed) is an answer with its checks.
 */
export async function verifyBuild(buildId: string, imageDigest: string): Promise<VerifyOutcome> {
  const bundle = await requestJson<unknown>(`/api/builds/${encodeURIComponent(buildId)}/signature`);
  const response = await fetch('/api/verify', {
    method: 'POST',
    headers: { ...authHeaders(), 'content-type': 'application/json' },
    body: JSON.stringify({ imageDigest, bundle }),
  });
  const body = (await response.json().catch(() => null)) as
    | { ok?: boolean; checks?: VerifyCheck[]; reason?: string; error?: { message?: string } }
    | null;
  if (response.ok || response.status === 422) {
    const outcome: VerifyOutcome = { ok: response.ok && body?.ok === true, checks: body?.checks ?? [] };
    const reason = body?.reason ?? body?.error?.message;
    if (reason !== undefined) outcome.reason = reason;
    return outcome;
  }
  throw new Error(body?.error?.message ?? `verify answered ${response.status}`);
}

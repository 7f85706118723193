/**
 * cosign's "simple signing" payload, so the signed statement is familiar to
 * anyone who has used cosign. Serialized canonically: same inputs, same bytes.
 */
import { canonicalJson } from './canonicalJson.ts';

export const SIMPLE_SIGNING_TYPE = 'cosign container image signature';

export interface SimpleSigningPayload {
  critical: {
    identity: { 'docker-reference': string };
    image: { 'docker-manifest-digest': string };
    type: typeof SIMPLE_SIGNING_TYPE;
  };
  optional: Record<string, string>;
}

export const DIGEST_RE = /^sha256:[0-9a-f]{64}$/;

export function simpleSigningPayload(
  reference: string,
  manifestDigest: string,
  optional: Record<string, string> = {},
): SimpleSigningPayload {
  return {
    critical: {
      identity: { 'docker-reference': reference },
      image: { 'docker-manifest-digest': manifestDigest },
      type: SIMPLE_SIGNING_TYPE,
    },
    optional,
  };
}

export const payloadBytes = (p: SimpleSigningPayload): Uint8Array =>
  new TextEncoder().encode(canonicalJson(p));

/** Returns the payload's manifest digest, or a reason why the bytes are not a simple signing payload. */
export function parseSimpleSigning(
  bytes: Uint8Array,
): { ok: true; payload: SimpleSigningPayload } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, reason: 'payload is not JSON' };
  }
  const p = raw as Partial<SimpleSigningPayload> | null;
  if (!p || typeof p !== 'object' || !p.critical || typeof p.critical !== 'object') {
    return { ok: false, reason: 'payload has no "critical" section' };
  }
  if (p.critical.type !== SIMPLE_SIGNING_TYPE)
    return { ok: false, reason: `payload type is not "${SIMPLE_SIGNING_TYPE}"` };
  const digest = p.critical.image?.['docker-manifest-digest'];
  if (typeof digest !== 'string' || !DIGEST_RE.test(digest))
    return { ok: false, reason: 'payload has no valid docker-manifest-digest' };
  if (typeof p.critical.identity?.['docker-reference'] !== 'string')
    return { ok: false, reason: 'payload has no docker-reference' };
  return { ok: true, payload: p as SimpleSigningPayload };
}

/**
 * Fail-closed verification: the bundle is accepted only when every one of the
 * three signatures verifies against a trusted key AND the signed digest is the
 * image's manifest digest. Every check is reported, so the page can show a
 * badge per algorithm; `reason` names every failed check, on one line.
 */
import { ALGORITHMS, ALGORITHM_IMPLS, isSignatureAlgorithm } from './algorithms.ts';
import type { TrustedKeys } from './signingKeys.ts';
import { DIGEST_RE, parseSimpleSigning } from './simpleSigning.ts';

export interface VerifyCheck {
  /** `bundle`, `payload`, an algorithm name, or `digest`. */
  name: string;
  ok: boolean;
  message: string;
}

export type VerifyResult =
  | { ok: true; checks: VerifyCheck[]; payloadDigest: string; reference: string }
  | { ok: false; checks: VerifyCheck[]; reason: string };

const B64_RE = /^[A-Za-z0-9+/]*={0,2}$/;
const decode = (s: unknown): Uint8Array | undefined =>
  typeof s === 'string' && s.length % 4 === 0 && B64_RE.test(s)
    ? new Uint8Array(Buffer.from(s, 'base64'))
    : undefined;

function fail(checks: VerifyCheck[]): VerifyResult {
  const failed = checks.filter((c) => !c.ok).map((c) => c.message);
  return { ok: false, checks, reason: failed.length > 0 ? failed.join('; ') : 'verification failed' };
}

export function verifyBundle(bundleRaw: unknown, imageDigest: string, trusted: TrustedKeys): VerifyResult {
  const checks: VerifyCheck[] = [];
  const bundle = bundleRaw as { payload?: unknown; signatures?: unknown } | null;
  if (!bundle || typeof bundle !== 'object' || !Array.isArray(bundle.signatures)) {
    checks.push({
      name: 'bundle',
      ok: false,
      message: 'bundle malformed: expected {payload, signatures:[{alg,keyId,sig}]}',
    });
    return fail(checks);
  }
  const payload = decode(bundle.payload);
  if (!payload) {
    checks.push({ name: 'bundle', ok: false, message: 'bundle malformed: payload is not base64' });
    return fail(checks);
  }
  const seen = new Set<string>();
  for (const s of bundle.signatures as unknown[]) {
    const alg = (s as { alg?: unknown } | null)?.alg;
    if (!isSignatureAlgorithm(alg)) {
      checks.push({
        name: 'bundle',
        ok: false,
        message: `bundle malformed: unknown signature algorithm ${JSON.stringify(alg)}`,
      });
      return fail(checks);
    }
    if (seen.has(alg)) {
      checks.push({ name: 'bundle', ok: false, message: `bundle malformed: duplicate ${alg} signature` });
      return fail(checks);
    }
    seen.add(alg);
  }
  checks.push({ name: 'bundle', ok: true, message: 'bundle well-formed' });

  const sigs = bundle.signatures as { alg: string; keyId?: unknown; sig?: unknown }[];
  for (const alg of ALGORITHMS) {
    const s = sigs.find((x) => x.alg === alg);
    const key = trusted[alg];
    if (!s) {
      checks.push({ name: alg, ok: false, message: `${alg} signature missing` });
    } else if (!key) {
      checks.push({ name: alg, ok: false, message: `${alg} key missing from trusted keys` });
    } else if (s.keyId !== key.keyId) {
      checks.push({
        name: alg,
        ok: false,
        message: `${alg} signature made with untrusted key ${String(s.keyId)}`,
      });
    } else {
      const sig = decode(s.sig);
      const ok = sig !== undefined && ALGORITHM_IMPLS[alg].verify(sig, payload, key.publicKey);
      checks.push({ name: alg, ok, message: ok ? `${alg} signature valid` : `${alg} signature invalid` });
    }
  }

  const parsed = parseSimpleSigning(payload);
  if (!parsed.ok) {
    checks.push({ name: 'payload', ok: false, message: parsed.reason });
    checks.push({ name: 'digest', ok: false, message: 'payload digest does not match image' });
    return fail(checks);
  }
  checks.push({ name: 'payload', ok: true, message: 'payload is a cosign simple signing statement' });
  const payloadDigest = parsed.payload.critical.image['docker-manifest-digest'];
  const digestOk = DIGEST_RE.test(imageDigest) && payloadDigest === imageDigest;
  checks.push({
    name: 'digest',
    ok: digestOk,
    message: digestOk ? `payload digest matches image ${imageDigest}` : 'payload digest does not match image',
  });
  if (checks.some((c) => !c.ok)) return fail(checks);
  return { ok: true, checks, payloadDigest, reference: parsed.payload.critical.identity['docker-reference'] };
}

/**
 * The signature bundle: one payload, three signatures. Signing uses every
 * algorithm once; SLH-DSA-SHA2-256f dominates the cost (~0.5 s here).
 */
import { AppError } from '../errors/AppError.ts';
import { ALGORITHMS, ALGORITHM_IMPLS, type SignatureAlgorithm } from './algorithms.ts';
import type { SigningKeys } from './signingKeys.ts';
import { payloadBytes, type SimpleSigningPayload } from './simpleSigning.ts';

export interface BundleSignature {
  alg: SignatureAlgorithm;
  /** Hex SHA-256 of the raw public key. */
  keyId: string;
  /** Base64 signature over the payload bytes. */
  sig: string;
}

export interface SignatureBundle {
  /** Base64 of the canonical payload bytes (what was signed). */
  payload: string;
  signatures: BundleSignature[];
}

export function signPayload(payload: SimpleSigningPayload, keys: SigningKeys): SignatureBundle {
  const bytes = payloadBytes(payload);
  return {
    payload: Buffer.from(bytes).toString('base64'),
    signatures: ALGORITHMS.map((alg) => {
      const pair = keys.pairs[alg];
      let sig: Uint8Array;
      try {
        sig = ALGORITHM_IMPLS[alg].sign(bytes, pair.secretKey);
      } catch (e) {
        throw new AppError('signing_failed', 500, `${alg}: ${e instanceof Error ? e.message : String(e)}`);
      }
      return { alg, keyId: pair.keyId, sig: Buffer.from(sig).toString('base64') };
    }),
  };
}

export const bundleAlgorithms = (b: SignatureBundle): string[] => b.signatures.map((s) => s.alg);
export const bundleKeyIds = (b: SignatureBundle): Record<string, string> =>
  Object.fromEntries(b.signatures.map((s) => [s.alg, s.keyId]));

/**
 * The three signature algorithms of a Lago Grey bundle (the seed's triple
 * signature in today's standard names). Signing is deterministic (no extra
 * entropy) so that a reproducible build also gets a byte-identical bundle;
 * FIPS 204 and FIPS 205 both allow the deterministic variant.
 */
import { ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { slh_dsa_sha2_256f } from '@noble/post-quantum/slh-dsa.js';
import { ed448 } from '@noble/curves/ed448.js';

export const ALGORITHMS = ['ML-DSA-87', 'Ed448', 'SLH-DSA-SHA2-256f'] as const;
export type SignatureAlgorithm = (typeof ALGORITHMS)[number];

export interface AlgorithmImpl {
  readonly lengths: { publicKey: number; secretKey: number; signature: number };
  keygen(): { publicKey: Uint8Array; secretKey: Uint8Array };
  getPublicKey(secretKey: Uint8Array): Uint8Array;
  sign(msg: Uint8Array, secretKey: Uint8Array): Uint8Array;
  verify(sig: Uint8Array, msg: Uint8Array, publicKey: Uint8Array): boolean;
}

/** Wraps verify so that malformed inputs count as an invalid signature, never a crash. */
function safeVerify(fn: () => boolean): boolean {
  try {
    return fn();
  } catch {
    return false;
  }
}

export const ALGORITHM_IMPLS: Record<SignatureAlgorithm, AlgorithmImpl> = {
  'ML-DSA-87': {
    lengths: { publicKey: 2592, secretKey: 4896, signature: 4627 },
    keygen: () => ml_dsa87.keygen(),
    getPublicKey: (sk) => ml_dsa87.getPublicKey(sk),
    sign: (msg, sk) => ml_dsa87.sign(msg, sk, { extraEntropy: false }),
    verify: (sig, msg, pk) => safeVerify(() => ml_dsa87.verify(sig, msg, pk)),
  },
  Ed448: {
    lengths: { publicKey: 57, secretKey: 57, signature: 114 },
    keygen: () => ed448.keygen(),
    getPublicKey: (sk) => ed448.getPublicKey(sk),
    sign: (msg, sk) => ed448.sign(msg, sk),
    verify: (sig, msg, pk) => safeVerify(() => ed448.verify(sig, msg, pk)),
  },
  'SLH-DSA-SHA2-256f': {
    lengths: { publicKey: 64, secretKey: 128, signature: 49856 },
    keygen: () => slh_dsa_sha2_256f.keygen(),
    getPublicKey: (sk) => slh_dsa_sha2_256f.getPublicKey(sk),
    sign: (msg, sk) => slh_dsa_sha2_256f.sign(msg, sk, { extraEntropy: false }),
    verify: (sig, msg, pk) => safeVerify(() => slh_dsa_sha2_256f.verify(sig, msg, pk)),
  },
};

export const isSignatureAlgorithm = (s: unknown): s is SignatureAlgorithm =>
  typeof s === 'string' && (ALGORITHMS as readonly string[]).includes(s);

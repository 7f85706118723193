/**
 * Signing keys: created once in `${dataDir}/keys/` (0700 dir, 0600 file), or
 * supplied by the operator through `LAGO_SIGNING_KEYS` (a JSON file in the
 * same format). Private keys never leave this module except to sign.
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors/AppError.ts';
import { ALGORITHMS, ALGORITHM_IMPLS, type SignatureAlgorithm } from './algorithms.ts';

export const KEYS_FILE_SCHEMA = 'lago-grey-signing-keys/v1';

export interface KeyPair {
  alg: SignatureAlgorithm;
  publicKey: Uint8Array;
  secretKey: Uint8Array;
  /** Hex SHA-256 of the raw public key. */
  keyId: string;
}

export interface SigningKeys {
  /** Where the keys came from (file path), for logs. */
  source: string;
  pairs: Record<SignatureAlgorithm, KeyPair>;
}

/** One entry of `GET /api/keys`; the Ed448 entry also carries an SPKI PEM for OpenSSL. */
export interface PublicKeyEntry {
  alg: SignatureAlgorithm;
  keyId: string;
  /** Base64 of the raw public key. */
  publicKey: string;
  pem?: string;
}

export interface PublicKeysDocument {
  keys: PublicKeyEntry[];
}

/** Stored form of the private keys (also the format of `LAGO_SIGNING_KEYS`). */
interface KeysFile {
  schema: typeof KEYS_FILE_SCHEMA;
  keys: Record<string, { secretKey: string; publicKey?: string }>;
}

export const keyIdOf = (publicKey: Uint8Array): string => createHash('sha256').update(publicKey).digest('hex');

const b64 = (u: Uint8Array): string => Buffer.from(u).toString('base64');

/** Strict base64 decode: rejects anything that does not round-trip. */
export function fromBase64(s: unknown, what: string): Uint8Array {
  if (typeof s !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) {
    throw new AppError('invalid_base64', 400, `${what} is not base64`);
  }
  return new Uint8Array(Buffer.from(s, 'base64'));
}

// RFC 8410 SubjectPublicKeyInfo prefix for id-Ed448 (1.3.101.113).
const ED448_SPKI_PREFIX = Uint8Array.from([0x30, 0x43, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x71, 0x03, 0x3a, 0x00]);

export function ed448PublicKeyPem(publicKey: Uint8Array): string {
  const der = Buffer.concat([ED448_SPKI_PREFIX, publicKey]);
  const body = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN PUBLIC KEY-----\n${body}-----END PUBLIC KEY-----\n`;
}

function pairFrom(alg: SignatureAlgorithm, secretKey: Uint8Array, publicKey?: Uint8Array): KeyPair {
  const impl = ALGORITHM_IMPLS[alg];
  if (secretKey.length !== impl.lengths.secretKey) {
    throw new AppError('invalid_signing_keys', 500, `${alg} secret key must be ${impl.lengths.secretKey} bytes, got ${secretKey.length}`);
  }
  const derived = impl.getPublicKey(secretKey);
  if (publicKey !== undefined && Buffer.compare(Buffer.from(derived), Buffer.from(publicKey)) !== 0) {
    throw new AppError('invalid_signing_keys', 500, `${alg} public key does not match its secret key`);
  }
  return { alg, secretKey, publicKey: derived, keyId: keyIdOf(derived) };
}

/** Parses a keys file (the stored format / `LAGO_SIGNING_KEYS`). Throws AppError naming the problem. */
export function parseSigningKeys(text: string, source: string): SigningKeys {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('invalid_signing_keys', 500, `${source}: not valid JSON`);
  }
  const file = raw as Partial<KeysFile> | null;
  if (!file || typeof file !== 'object' || file.schema !== KEYS_FILE_SCHEMA || typeof file.keys !== 'object' || !file.keys) {
    throw new AppError('invalid_signing_keys', 500, `${source}: expected {"schema":"${KEYS_FILE_SCHEMA}","keys":{…}}`);
  }
  const pairs = {} as Record<SignatureAlgorithm, KeyPair>;
  for (const alg of ALGORITHMS) {
    const entry = file.keys[alg];
    if (!entry) throw new AppError('invalid_signing_keys', 500, `${source}: missing ${alg} key`);
    const sk = fromBase64(entry.secretKey, `${alg} secretKey`);
    const pk = entry.publicKey === undefined ? undefined : fromBase64(entry.publicKey, `${alg} publicKey`);
    pairs[alg] = pairFrom(alg, sk, pk);
  }
  return { source, pairs };
}

export function serializeSigningKeys(keys: SigningKeys): string {
  const file: KeysFile = { schema: KEYS_FILE_SCHEMA, keys: {} };
  for (const alg of ALGORITHMS) {
    const p = keys.pairs[alg];
    file.keys[alg] = { secretKey: b64(p.secretKey), publicKey: b64(p.publicKey) };
  }
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function generateSigningKeys(source = 'memory'): SigningKeys {
  const pairs = {} as Record<SignatureAlgorithm, KeyPair>;
  for (const alg of ALGORITHMS) {
    const { secretKey, publicKey } = ALGORITHM_IMPLS[alg].keygen();
    pairs[alg] = pairFrom(alg, secretKey, publicKey);
  }
  return { source, pairs };
}

export const keysFilePath = (dataDir: string): string => join(dataDir, 'keys', 'signing-keys.json');

/**
 * Loads `${dataDir}/keys/signing-keys.json`, creating it (mode 0600) on first
 * start. Existing files get their mode tightened to 0600.
 */
export function createSigningKeys(dataDir: string): SigningKeys {
  const dir = join(dataDir, 'keys');
  const file = keysFilePath(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    return parseSigningKeys(readFileSync(file, 'utf8'), file);
  }
  const keys = generateSigningKeys(file);
  // 'wx' so two processes starting at once cannot overwrite each other's keys.
  try {
    writeFileSync(file, serializeSigningKeys(keys), { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return parseSigningKeys(readFileSync(file, 'utf8'), file);
    throw e;
  }
  return keys;
}

let defaultKeys: SigningKeys | undefined;

/**
 * What the server calls at start: operator keys from the file `supplied`
 * (`LAGO_SIGNING_KEYS`) when given, else the data dir's keys (created on first start). The result is
 * also registered as the default used by `runSupplyChain`.
 */
export function loadSigningKeys(dataDir: string, supplied?: string): SigningKeys {
  let keys: SigningKeys;
  if (supplied) {
    let text: string;
    try {
      text = readFileSync(supplied, 'utf8');
    } catch (e) {
      throw new AppError('invalid_signing_keys', 500, `LAGO_SIGNING_KEYS: cannot read ${supplied} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    keys = parseSigningKeys(text, supplied);
  } else {
    keys = createSigningKeys(dataDir);
  }
  defaultKeys = keys;
  return keys;
}

export function setDefaultSigningKeys(keys: SigningKeys | undefined): void {
  defaultKeys = keys;
}

export function getDefaultSigningKeys(): SigningKeys | undefined {
  return defaultKeys;
}

/** The public half, exactly what `GET /api/keys` serves and `lago-grey verify --keys` reads. */
export function publicKeysDocument(keys: SigningKeys): PublicKeysDocument {
  return {
    keys: ALGORITHMS.map((alg) => {
      const p = keys.pairs[alg];
      const entry: PublicKeyEntry = { alg, keyId: p.keyId, publicKey: b64(p.publicKey) };
      if (alg === 'Ed448') entry.pem = ed448PublicKeyPem(p.publicKey);
      return entry;
    }),
  };
}

/** Trusted public keys by algorithm, as parsed from a {@link PublicKeysDocument}. */
export type TrustedKeys = Partial<Record<SignatureAlgorithm, { keyId: string; publicKey: Uint8Array }>>;

export function trustedKeysFrom(keys: SigningKeys): TrustedKeys {
  const out: TrustedKeys = {};
  for (const alg of ALGORITHMS) out[alg] = { keyId: keys.pairs[alg].keyId, publicKey: keys.pairs[alg].publicKey };
  return out;
}

/**
 * Parses a public keys document. The key id is recomputed from the key bytes,
 * so a document cannot claim someone else's key id.
 */
export function parsePublicKeysDocument(raw: unknown): TrustedKeys {
  const doc = raw as Partial<PublicKeysDocument> | null;
  if (!doc || typeof doc !== 'object' || !Array.isArray(doc.keys)) {
    throw new AppError('invalid_keys', 400, 'keys document must be {"keys":[{alg,keyId,publicKey}…]} as served by GET /api/keys');
  }
  const out: TrustedKeys = {};
  for (const [i, k] of doc.keys.entries()) {
    const alg = (k as Partial<PublicKeyEntry>).alg;
    if (!ALGORITHMS.includes(alg as SignatureAlgorithm)) {
      throw new AppError('invalid_keys', 400, `keys[${i}].alg: unknown algorithm ${JSON.stringify(alg)}`, `keys[${i}].alg`);
    }
    const a = alg as SignatureAlgorithm;
    if (out[a]) throw new AppError('invalid_keys', 400, `keys[${i}]: duplicate ${a} key`, `keys[${i}]`);
    const pk = fromBase64(k.publicKey, `keys[${i}].publicKey`);
    if (pk.length !== ALGORITHM_IMPLS[a].lengths.publicKey) {
      throw new AppError('invalid_keys', 400, `keys[${i}].publicKey: ${a} public key must be ${ALGORITHM_IMPLS[a].lengths.publicKey} bytes`, `keys[${i}].publicKey`);
    }
    const keyId = keyIdOf(pk);
    if (k.keyId !== undefined && k.keyId !== keyId) {
      throw new AppError('invalid_keys', 400, `keys[${i}].keyId does not match the SHA-256 of its public key`, `keys[${i}].keyId`);
    }
    out[a] = { keyId, publicKey: pk };
  }
  return out;
}

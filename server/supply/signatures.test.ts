import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../process/runProcess.ts';
import { signPayload, type SignatureBundle } from './signatureBundle.ts';
import {
  createSigningKeys,
  generateSigningKeys,
  keysFilePath,
  loadSigningKeys,
  parsePublicKeysDocument,
  publicKeysDocument,
  serializeSigningKeys,
  type SigningKeys,
  type TrustedKeys,
} from './signingKeys.ts';
import { simpleSigningPayload } from './simpleSigning.ts';
import { writeTestOciArchive } from './testFixtures.ts';
import { verifyArchive } from './verifyArchive.ts';
import { verifyBundle } from './verifyBundle.ts';

const digest = `sha256:${'ab'.repeat(32)}`;
let keys: SigningKeys;
let trusted: TrustedKeys;
let bundle: SignatureBundle;

/** Flips one bit of the byte at `index` of a base64 string's decoded bytes. */
function flipBase64(b64: string, index = 0): string {
  const bytes = Buffer.from(b64, 'base64');
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

beforeAll(() => {
  keys = generateSigningKeys();
  // Consumers get exactly the served document, so go through its JSON form.
  trusted = parsePublicKeysDocument(JSON.parse(JSON.stringify(publicKeysDocument(keys))));
  bundle = signPayload(simpleSigningPayload('lago-grey:latest', digest), keys);
});

describe('signature bundle', () => {
  it('carries a cosign simple signing payload and three signatures that verify', () => {
    const payload = JSON.parse(Buffer.from(bundle.payload, 'base64').toString('utf8'));
    expect(payload).toEqual({
      critical: {
        identity: { 'docker-reference': 'lago-grey:latest' },
        image: { 'docker-manifest-digest': digest },
        type: 'cosign container image signature',
      },
      optional: {},
    });
    expect(bundle.signatures.map((s) => s.alg)).toEqual(['ML-DSA-87', 'Ed448', 'SLH-DSA-SHA2-256f']);
    for (const s of bundle.signatures) expect(s.keyId).toBe(keys.pairs[s.alg].keyId);
    const r = verifyBundle(bundle, digest, trusted);
    expect(r).toMatchObject({ ok: true, payloadDigest: digest, reference: 'lago-grey:latest' });
    expect(r.checks.every((c) => c.ok)).toBe(true);
  });

  it('is deterministic: the same payload and keys give the same bundle', () => {
    expect(signPayload(simpleSigningPayload('lago-grey:latest', digest), keys)).toEqual(bundle);
  });

  it('Ed448 signature verifies with openssl pkeyutl -rawin against the served PEM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lg-openssl-'));
    const ed = publicKeysDocument(keys).keys.find((k) => k.alg === 'Ed448');
    writeFileSync(join(dir, 'ed448.pem'), ed?.pem ?? '');
    writeFileSync(join(dir, 'payload'), Buffer.from(bundle.payload, 'base64'));
    const sig = bundle.signatures.find((s) => s.alg === 'Ed448')?.sig ?? '';
    writeFileSync(join(dir, 'sig.bin'), Buffer.from(sig, 'base64'));
    const args = [
      'pkeyutl',
      '-verify',
      '-rawin',
      '-pubin',
      '-inkey',
      join(dir, 'ed448.pem'),
      '-sigfile',
      join(dir, 'sig.bin'),
      '-in',
      join(dir, 'payload'),
    ];
    const good = await runProcess('openssl', args);
    expect(good.stdout + good.stderr).toMatch(/Signature Verified Successfully/);
    expect(good.exitCode).toBe(0);
    writeFileSync(join(dir, 'sig.bin'), Buffer.from(flipBase64(sig, 10), 'base64'));
    const bad = await runProcess('openssl', args);
    expect(bad.exitCode).not.toBe(0);
    const pkey = await runProcess('openssl', [
      'pkey',
      '-pubin',
      '-in',
      join(dir, 'ed448.pem'),
      '-noout',
      '-text',
    ]);
    expect(pkey.exitCode).toBe(0);
    expect(pkey.stdout).toMatch(/ED448 Public-Key/);
  });
});

describe('verification fails closed, naming the check', () => {
  it('rejects another image digest', () => {
    const other = `sha256:${'ab'.repeat(31)}ac`;
    const r = verifyBundle(bundle, other, trusted);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe('payload digest does not match image');
  });

  it('rejects a payload with one flipped byte (every signature names itself)', () => {
    const r = verifyBundle({ ...bundle, payload: flipBase64(bundle.payload, 40) }, digest, trusted);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(
      /ML-DSA-87 signature invalid; Ed448 signature invalid; SLH-DSA-SHA2-256f signature invalid/,
    );
  });

  for (const alg of ['ML-DSA-87', 'Ed448', 'SLH-DSA-SHA2-256f'] as const) {
    it(`rejects a flipped byte in the ${alg} signature alone`, () => {
      const signatures = bundle.signatures.map((s) =>
        s.alg === alg ? { ...s, sig: flipBase64(s.sig, 7) } : s,
      );
      const r = verifyBundle({ ...bundle, signatures }, digest, trusted);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toBe(`${alg} signature invalid`);
      expect(r.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual([alg]);
    });

    it(`rejects a bundle without its ${alg} signature`, () => {
      const r = verifyBundle(
        { ...bundle, signatures: bundle.signatures.filter((s) => s.alg !== alg) },
        digest,
        trusted,
      );
      expect(!r.ok && r.reason).toBe(`${alg} signature missing`);
    });
  }

  it('rejects signatures made with keys that are not trusted', () => {
    const other = signPayload(simpleSigningPayload('lago-grey:latest', digest), generateSigningKeys());
    const r = verifyBundle(other, digest, trusted);
    expect(!r.ok && r.reason).toMatch(/^ML-DSA-87 signature made with untrusted key [0-9a-f]{64}; Ed448/);
  });

  it('rejects malformed bundles without throwing', () => {
    expect(verifyBundle(null, digest, trusted)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^bundle malformed/),
    });
    expect(verifyBundle({ payload: '***', signatures: [] }, digest, trusted)).toMatchObject({
      ok: false,
      reason: 'bundle malformed: payload is not base64',
    });
    const dup = { ...bundle, signatures: [...bundle.signatures, bundle.signatures[0]] };
    expect(verifyBundle(dup, digest, trusted)).toMatchObject({
      ok: false,
      reason: 'bundle malformed: duplicate ML-DSA-87 signature',
    });
  });

  it('checks the archive: a flipped byte in a layer blob fails as a corrupt image', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lg-archive-'));
    const archive = join(dir, 'image.tar');
    const manifestDigest = await writeTestOciArchive(dir, archive);
    const b = signPayload(simpleSigningPayload('t:1', manifestDigest), keys);
    const ok = await verifyArchive(archive, b, trusted);
    expect(ok.ok).toBe(true);
    const bytes = readFileSync(archive);
    // The gzip layer is the biggest blob; its magic bytes locate it.
    const gz = bytes.indexOf(Buffer.from([0x1f, 0x8b, 0x08]));
    expect(gz).toBeGreaterThan(0);
    bytes[gz + 20] = (bytes[gz + 20] ?? 0) ^ 0xff;
    writeFileSync(archive, bytes);
    const bad = await verifyArchive(archive, b, trusted);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.reason).toMatch(
      /^image archive corrupt: blob sha256:[0-9a-f]{64} does not match its digest$/,
    );
  });
});

describe('signing keys on disk', () => {
  it('are created once with mode 0600 and reloaded unchanged', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lg-keys-'));
    const a = createSigningKeys(dataDir);
    expect(statSync(keysFilePath(dataDir)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'keys')).mode & 0o777).toBe(0o700);
    const b = createSigningKeys(dataDir);
    expect(publicKeysDocument(b)).toEqual(publicKeysDocument(a));
  });

  it('the public document never contains a secret key', () => {
    const text = JSON.stringify(publicKeysDocument(keys));
    for (const alg of ['ML-DSA-87', 'Ed448', 'SLH-DSA-SHA2-256f'] as const) {
      expect(text).not.toContain(Buffer.from(keys.pairs[alg].secretKey).toString('base64'));
    }
  });

  it('LAGO_SIGNING_KEYS supplies operator keys, and a bad file is refused with a reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lg-opkeys-'));
    const file = join(dir, 'keys.json');
    writeFileSync(file, serializeSigningKeys(keys), { mode: 0o600 });
    const loaded = loadSigningKeys(join(dir, 'data'), file);
    expect(publicKeysDocument(loaded)).toEqual(publicKeysDocument(keys));
    writeFileSync(file, '{"schema":"lago-grey-signing-keys/v1","keys":{}}');
    expect(() => loadSigningKeys(join(dir, 'data'), file)).toThrow(/missing ML-DSA-87 key/);
    expect(() => loadSigningKeys(join(dir, 'data'), join(dir, 'nope.json'))).toThrow(/cannot read .*ENOENT/);
  });
});

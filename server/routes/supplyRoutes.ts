/**
 * Supply-chain routes, mounted under `/api` (`routers: [{path: '/', router}]`):
 *
 * - `GET /builds/:id/sbom?format=spdx|cyclonedx` (default spdx): the SBOM download.
 * - `GET /builds/:id/signature`: the signature bundle `{payload, signatures:[{alg,keyId,sig}]}`.
 * - `GET /keys`: the public keys (`{keys:[{alg,keyId,publicKey,pem?}]}`); `lago-grey verify --keys` reads exactly this.
 * - `POST /verify`, either
 *   - `application/json` `{imageDigest: "sha256:…", bundle: {…}}`, or
 *   - `multipart/form-data` with parts `image` (the oci-archive) and `bundle`
 *     (the bundle JSON), e.g. `curl -F image=@image.tar -F bundle=@bundle.json …/api/verify`.
 *   Answers 200 `{ok:true, imageDigest, reference, checks}` when all three signatures
 *   verify against the server's keys and the digest matches, else 422 with
 *   `{ok:false, reason, checks, error:{code:"verification_failed", message}}`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type Request, type Response, Router } from 'express';
import type { BuildRecord } from '../../shared/api/types.ts';
import { errorBody } from '../errors/errorMiddleware.ts';
import { AppError } from '../errors/AppError.ts';
import { multipartBoundary, multipartParts, readRange, saveBody } from '../supply/multipartOnDisk.ts';
import { SBOM_FILES, SIGNATURE_FILE, type SbomFormat } from '../supply/runSupplyChain.ts';
import { publicKeysDocument, trustedKeysFrom, type SigningKeys } from '../supply/signingKeys.ts';
import { DIGEST_RE } from '../supply/simpleSigning.ts';
import { verifyArchive } from '../supply/verifyArchive.ts';
import { verifyBundle, type VerifyResult } from '../supply/verifyBundle.ts';

export interface SupplyRouterOptions {
  getBuild: (id: string) => BuildRecord | undefined;
  /** The build's directory (holding the SBOMs and the bundle); may throw for a malformed id. */
  buildDir: (id: string) => string;
  keys: SigningKeys;
  /** Where multipart uploads are spooled (default: the OS temp dir). */
  tmpDir?: string;
  /** Largest accepted multipart upload (default 4 GB). */
  maxUploadBytes?: number;
}

const CONTENT_TYPES: Record<SbomFormat, string> = {
  spdx: 'application/spdx+json',
  cyclonedx: 'application/vnd.cyclonedx+json; version=1.6',
};
const MAX_BUNDLE_BYTES = 1_000_000;

const param = (req: Request, name: string): string => {
  const v = (req.params as Record<string, string | undefined>)[name];
  return typeof v === 'string' ? v : '';
};

export function createSupplyRouter(opts: SupplyRouterOptions): Router {
  const router = Router();
  const trusted = trustedKeysFrom(opts.keys);
  const keysDoc = publicKeysDocument(opts.keys);

  /** The finished build's file, or a 404/409 naming why it is not there. */
  function buildFile(id: string, file: string, what: string): { record: BuildRecord; path: string } {
    const record = opts.getBuild(id);
    if (!record) throw new AppError('build_not_found', 404, `no build ${JSON.stringify(id)}`);
    if (record.status !== 'succeeded') {
      throw new AppError(`${what}_not_ready`, 409, `build ${id} is ${record.status}; its ${what} exists once it has succeeded`);
    }
    let dir: string;
    try {
      dir = opts.buildDir(id);
    } catch {
      throw new AppError('build_not_found', 404, `no build ${JSON.stringify(id)}`);
    }
    const path = join(dir, file);
    if (!existsSync(path)) throw new AppError(`${what}_not_found`, 404, `build ${id} has no ${what} (it was built without one, or it was removed)`);
    return { record, path };
  }

  async function sendFile(res: Response, path: string, filename: string, contentType: string): Promise<void> {
    res.attachment(filename);
    res.type(contentType);
    res.set('Content-Length', String(statSync(path).size));
    res.set('Cache-Control', 'no-store');
    try {
      await pipeline(createReadStream(path), res);
    } catch (e) {
      if (!res.destroyed) res.destroy(e instanceof Error ? e : undefined);
    }
  }

  router.get('/builds/:id/sbom', async (req, res) => {
    const format = req.query.format ?? 'spdx';
    if (format !== 'spdx' && format !== 'cyclonedx') {
      throw new AppError('invalid_format', 400, 'format must be "spdx" or "cyclonedx"', 'format');
    }
    const { record, path } = buildFile(param(req, 'id'), SBOM_FILES[format], 'sbom');
    const ext = format === 'spdx' ? 'spdx.json' : 'cdx.json';
    await sendFile(res, path, `${record.design.name}-${record.design.tag}.${ext}`, CONTENT_TYPES[format]);
  });

  router.get('/builds/:id/signature', async (req, res) => {
    const { record, path } = buildFile(param(req, 'id'), SIGNATURE_FILE, 'signature');
    await sendFile(res, path, `${record.design.name}-${record.design.tag}.signature.json`, 'application/json');
  });

  router.get('/keys', (_req, res) => {
    res.set('Cache-Control', 'no-cache').json(keysDoc);
  });

  const answer = (res: Response, result: VerifyResult & { imageDigest?: string }, imageDigest: string | undefined): void => {
    if (result.ok) {
      res.json({ ok: true, imageDigest: imageDigest ?? result.payloadDigest, reference: result.reference, checks: result.checks });
      return;
    }
    const err = errorBody(new AppError('verification_failed', 422, result.reason));
    res.status(422).json({ ok: false, reason: result.reason, checks: result.checks, ...err });
  };

  router.post('/verify', async (req, res) => {
    const boundary = multipartBoundary(req.headers['content-type']);
    if (boundary === undefined) {
      if (!req.is('application/json')) {
        throw new AppError('unsupported_media_type', 415, 'send application/json {imageDigest, bundle} or multipart/form-data with parts "image" and "bundle"');
      }
      const body = (req.body ?? {}) as { imageDigest?: unknown; bundle?: unknown };
      if (typeof body.imageDigest !== 'string' || !DIGEST_RE.test(body.imageDigest)) {
        throw new AppError('invalid_request', 400, 'imageDigest must be "sha256:" followed by 64 lowercase hex digits', 'imageDigest');
      }
      if (body.bundle === undefined) throw new AppError('invalid_request', 400, 'bundle is required', 'bundle');
      answer(res, verifyBundle(parseBundle(body.bundle), body.imageDigest, trusted), body.imageDigest);
      return;
    }
    const dir = await mkdtemp(join(opts.tmpDir ?? tmpdir(), 'lago-verify-'));
    try {
      const file = join(dir, 'body');
      const size = await saveBody(req, file, opts.maxUploadBytes ?? 4_000_000_000);
      const parts = await multipartParts(file, boundary, size);
      const image = parts.find((p) => p.name === 'image');
      const bundlePart = parts.find((p) => p.name === 'bundle');
      if (!image) throw new AppError('invalid_request', 400, 'multipart part "image" (the oci-archive) is missing', 'image');
      if (!bundlePart) throw new AppError('invalid_request', 400, 'multipart part "bundle" is missing', 'bundle');
      const bundleText = (await readRange(file, bundlePart, MAX_BUNDLE_BYTES, 'bundle')).toString('utf8');
      const result = await verifyArchive(file, parseBundle(bundleText), trusted, image);
      answer(res, result, result.imageDigest);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  return router;
}

function parseBundle(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new AppError('invalid_request', 400, 'bundle is not valid JSON', 'bundle');
  }
}

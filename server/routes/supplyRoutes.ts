/**
 * Supply-chain routes, mounted under `/api`:
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
import { type Request, type Response, Router } from 'express';
import { errorBody } from '../errors/errorMiddleware.ts';
import { AppError } from '../errors/AppError.ts';
import { multipartBoundary } from '../http/multipartBoundary.ts';
import { sendFile } from '../http/sendFile.ts';
import type { SupplyUseCases, VerifyOutcome } from '../usecases/supplyUseCases.ts';

const param = (req: Request, name: string): string => {
  const v = (req.params as Record<string, string | undefined>)[name];
  return typeof v === 'string' ? v : '';
};

function answer(res: Response, result: VerifyOutcome): void {
  if (result.ok) {
    res.json({
      ok: true,
      imageDigest: result.imageDigest ?? result.payloadDigest,
      reference: result.reference,
      checks: result.checks,
    });
    return;
  }
  const err = errorBody(new AppError('verification_failed', 422, result.reason));
  res.status(422).json({ ok: false, reason: result.reason, checks: result.checks, ...err });
}

export function createSupplyRouter(supply: SupplyUseCases): Router {
  const router = Router();

  router.get('/builds/:id/sbom', async (req, res) => {
    await sendFile(res, supply.sbom(param(req, 'id'), req.query.format));
  });

  router.get('/builds/:id/signature', async (req, res) => {
    await sendFile(res, supply.signature(param(req, 'id')));
  });

  router.get('/keys', (_req, res) => {
    res.set('Cache-Control', 'no-cache').json(supply.publicKeys());
  });

  router.post('/verify', async (req, res) => {
    const boundary = multipartBoundary(req.headers['content-type']);
    if (boundary !== undefined) {
      answer(res, await supply.verifyMultipart(req, boundary));
      return;
    }
    if (!req.is('application/json')) {
      throw new AppError(
        'unsupported_media_type',
        415,
        'send application/json {imageDigest, bundle} or multipart/form-data with parts "image" and "bundle"',
      );
    }
    answer(res, supply.verifyDigest(req.body));
  });

  return router;
}

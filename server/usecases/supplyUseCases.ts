/**
 * The supply-chain use cases: a finished build's SBOMs and signature bundle,
 * the public keys, and fail-closed verification (of a digest, or of an
 * uploaded archive spooled — capped — into the data dir, never the OS temp dir).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { BuildRecord } from '../../shared/api/types.ts';
import { AppError } from '../errors/AppError.ts';
import { multipartParts, readRange, saveBody } from '../supply/multipartOnDisk.ts';
import { SBOM_FILES, SIGNATURE_FILE, type SbomFormat } from '../supply/runSupplyChain.ts';
import { publicKeysDocument, trustedKeysFrom, type SigningKeys } from '../supply/signingKeys.ts';
import { DIGEST_RE } from '../supply/simpleSigning.ts';
import { verifyArchive } from '../supply/verifyArchive.ts';
import { verifyBundle, type VerifyResult } from '../supply/verifyBundle.ts';

export interface SupplyUseCaseOptions {
  getBuild: (id: string) => BuildRecord | undefined;
  /** The build's directory (holding the SBOMs and the bundle); may throw for a malformed id. */
  buildDir: (id: string) => string;
  keys: SigningKeys;
  /** Where multipart uploads are spooled (the server passes `<dataDir>/tmp`). */
  tmpDir: string;
  /** Largest accepted multipart body (`LAGO_MAX_VERIFY_BYTES`). */
  maxUploadBytes: number;
}

export interface BuildFile {
  record: BuildRecord;
  path: string;
  filename: string;
  contentType: string;
}

export type VerifyOutcome = VerifyResult & { imageDigest?: string };

export interface SupplyUseCases {
  sbom(id: string, format: unknown): BuildFile;
  signature(id: string): BuildFile;
  publicKeys(): unknown;
  verifyDigest(body: unknown): VerifyOutcome;
  verifyMultipart(body: Readable, boundary: string): Promise<VerifyOutcome>;
}

const CONTENT_TYPES: Record<SbomFormat, string> = {
  spdx: 'application/spdx+json',
  cyclonedx: 'application/vnd.cyclonedx+json; version=1.6',
};
const MAX_BUNDLE_BYTES = 1_000_000;

export function createSupplyUseCases(opts: SupplyUseCaseOptions): SupplyUseCases {
  const trusted = trustedKeysFrom(opts.keys);
  const keysDoc = publicKeysDocument(opts.keys);

  /** The finished build's file, or a 404/409 naming why it is not there. */
  function buildFile(id: string, file: string, what: 'sbom' | 'signature'): { record: BuildRecord; path: string } {
    const record = opts.getBuild(id);
    if (!record) throw new AppError('build_not_found', 404, `no build ${JSON.stringify(id)}`);
    if (record.status !== 'succeeded') {
      throw new AppError(
        `${what}_not_ready`,
        409,
        `build ${id} is ${record.status}; its ${what} exists once it has succeeded`,
      );
    }
    let dir: string;
    try {
      dir = opts.buildDir(id);
    } catch {
      throw new AppError('build_not_found', 404, `no build ${JSON.stringify(id)}`);
    }
    const path = join(dir, file);
    if (!existsSync(path))
      throw new AppError(
        `${what}_not_found`,
        404,
        `build ${id} has no ${what} (it was built without one, or it was removed)`,
      );
    return { record, path };
  }

  return {
    sbom(id, rawFormat) {
      const format = rawFormat ?? 'spdx';
      if (format !== 'spdx' && format !== 'cyclonedx') {
        throw new AppError('invalid_format', 400, 'format must be "spdx" or "cyclonedx"', 'format');
      }
      const { record, path } = buildFile(id, SBOM_FILES[format], 'sbom');
      const ext = format === 'spdx' ? 'spdx.json' : 'cdx.json';
      return {
        record,
        path,
        filename: `${record.design.name}-${record.design.tag}.${ext}`,
        contentType: CONTENT_TYPES[format],
      };
    },
    signature(id) {
      const { record, path } = buildFile(id, SIGNATURE_FILE, 'signature');
      return {
        record,
        path,
        filename: `${record.design.name}-${record.design.tag}.signature.json`,
        contentType: 'application/json',
      };
    },
    publicKeys: () => keysDoc,
    verifyDigest(raw) {
      const body = (raw ?? {}) as { imageDigest?: unknown; bundle?: unknown };
      if (typeof body.imageDigest !== 'string' || !DIGEST_RE.test(body.imageDigest)) {
        throw new AppError(
          'invalid_request',
          400,
          'imageDigest must be "sha256:" followed by 64 lowercase hex digits',
          'imageDigest',
        );
      }
      if (body.bundle === undefined)
        throw new AppError('invalid_request', 400, 'bundle is required', 'bundle');
      return {
        ...verifyBundle(parseBundle(body.bundle), body.imageDigest, trusted),
        imageDigest: body.imageDigest,
      };
    },
    async verifyMultipart(body, boundary) {
      await mkdir(opts.tmpDir, { recursive: true, mode: 0o700 });
      const dir = await mkdtemp(join(opts.tmpDir, 'verify-'));
      try {
        const file = join(dir, 'body');
        const size = await saveBody(body, file, opts.maxUploadBytes);
        const parts = await multipartParts(file, boundary, size);
        const image = parts.find((p) => p.name === 'image');
        const bundlePart = parts.find((p) => p.name === 'bundle');
        if (!image)
          throw new AppError(
            'invalid_request',
            400,
            'multipart part "image" (the oci-archive) is missing',
            'image',
          );
        if (!bundlePart)
          throw new AppError('invalid_request', 400, 'multipart part "bundle" is missing', 'bundle');
        const bundleText = (await readRange(file, bundlePart, MAX_BUNDLE_BYTES, 'bundle')).toString('utf8');
        return await verifyArchive(file, parseBundle(bundleText), trusted, image);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

function parseBundle(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new AppError('invalid_request', 400, 'bundle is not valid JSON', 'bundle');
  }
}

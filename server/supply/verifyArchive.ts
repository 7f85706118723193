/**
 * Verifies a bundle against an oci-archive on disk: the archive must be
 * intact (every blob hashes to its name) and then the bundle must verify
 * against its manifest digest. A corrupt archive is a failed `image` check.
 */
import { isAppError } from '../errors/AppError.ts';
import { readOciArchiveDigest, type ByteRange } from './readOciArchiveDigest.ts';
import type { TrustedKeys } from './signingKeys.ts';
import { verifyBundle, type VerifyResult } from './verifyBundle.ts';

export async function verifyArchive(
  archivePath: string,
  bundle: unknown,
  trusted: TrustedKeys,
  range?: ByteRange,
): Promise<VerifyResult & { imageDigest?: string }> {
  let digest: string;
  try {
    digest = (await readOciArchiveDigest(archivePath, range)).manifestDigest;
  } catch (e) {
    if (!isAppError(e) || e.code === 'not_found') throw e;
    return { ok: false, reason: e.message, checks: [{ name: 'image', ok: false, message: e.message }] };
  }
  const result = verifyBundle(bundle, digest, trusted);
  const image = { name: 'image', ok: true, message: `image archive intact, manifest ${digest}` };
  return { ...result, checks: [image, ...result.checks], imageDigest: digest };
}

/**
 * Supply-chain costs per build: signing and verifying with each of the three
 * algorithms, and SBOM generation (both formats) against image size in files.
 * Prints figures and ratios; asserts nothing. Run: npx tsx bench/supply-chain.ts
 */
import { ALGORITHMS, ALGORITHM_IMPLS } from '../server/supply/algorithms.ts';
import { generateCycloneDx } from '../server/supply/generateCycloneDx.ts';
import { generateSpdx } from '../server/supply/generateSpdx.ts';
import { buildSbomModel } from '../server/supply/sbomModel.ts';
import { signPayload } from '../server/supply/signatureBundle.ts';
import { generateSigningKeys, trustedKeysFrom } from '../server/supply/signingKeys.ts';
import { payloadBytes, simpleSigningPayload } from '../server/supply/simpleSigning.ts';
import { sampleDesign, sampleInspection, sampleResolved } from '../server/supply/testFixtures.ts';
import { verifyBundle } from '../server/supply/verifyBundle.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const time = (fn: () => unknown): number => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
const ms = (n: number): string => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

const keys = generateSigningKeys();
const digest = `sha256:${'ab'.repeat(32)}`;
const payload = payloadBytes(simpleSigningPayload('lago-grey:latest', digest, { creator: 'bench' }));

console.log(`signatures over a ${payload.length}-byte simple signing payload (median of ${RUNS})`);
console.log('algorithm           sign        verify      signature bytes');
let signTotal = 0;
let verifyTotal = 0;
for (const alg of ALGORITHMS) {
  const impl = ALGORITHM_IMPLS[alg];
  const pair = keys.pairs[alg];
  const sig = impl.sign(payload, pair.secretKey);
  const signMs = median(Array.from({ length: RUNS }, () => time(() => impl.sign(payload, pair.secretKey))));
  const verifyMs = median(Array.from({ length: RUNS }, () => time(() => impl.verify(sig, payload, pair.publicKey))));
  signTotal += signMs;
  verifyTotal += verifyMs;
  console.log(`${alg.padEnd(20)}${ms(signMs).padEnd(12)}${ms(verifyMs).padEnd(12)}${sig.length}`);
}
const trusted = trustedKeysFrom(keys);
const bundle = signPayload(simpleSigningPayload('lago-grey:latest', digest), keys);
const bundleSign = median(Array.from({ length: RUNS }, () => time(() => signPayload(simpleSigningPayload('lago-grey:latest', digest), keys))));
const bundleVerify = median(Array.from({ length: RUNS }, () => time(() => verifyBundle(bundle, digest, trusted))));
console.log(`whole bundle: sign ${ms(bundleSign)}, verify ${ms(bundleVerify)} (sum of parts: ${ms(signTotal)} / ${ms(verifyTotal)})`);
const slh = ALGORITHM_IMPLS['SLH-DSA-SHA2-256f'];
const slhSign = median(Array.from({ length: RUNS }, () => time(() => slh.sign(payload, keys.pairs['SLH-DSA-SHA2-256f'].secretKey))));
console.log(`SLH-DSA share of signing: ${((slhSign / bundleSign) * 100).toFixed(0)}%; bundle size ${JSON.stringify(bundle).length} bytes`);

console.log(`\nSBOM generation vs image size (median of ${Math.max(3, Math.floor(RUNS / 2))})`);
console.log('files     model      SPDX       CycloneDX  SPDX bytes   CDX bytes    per 1k files (both)');
for (const extra of [10, 1_000, 10_000]) {
  const inspection = sampleInspection(extra);
  const runs = Math.max(3, Math.floor(RUNS / 2));
  let spdxBytes = 0;
  let cdxBytes = 0;
  const input = { design: sampleDesign, inspection, resolved: sampleResolved, sourceDateEpoch: 0 };
  const modelMs = median(Array.from({ length: runs }, () => time(() => buildSbomModel(input))));
  const model = buildSbomModel(input);
  const spdxMs = median(Array.from({ length: runs }, () => time(() => (spdxBytes = JSON.stringify(generateSpdx(model), null, 2).length))));
  const cdxMs = median(Array.from({ length: runs }, () => time(() => (cdxBytes = generateCycloneDx(model).length))));
  const files = model.files.length;
  const per1k = ((modelMs + spdxMs + cdxMs) / files) * 1000;
  console.log(
    `${String(files).padEnd(10)}${ms(modelMs).padEnd(11)}${ms(spdxMs).padEnd(11)}${ms(cdxMs).padEnd(11)}${String(spdxBytes).padEnd(13)}${String(cdxBytes).padEnd(13)}${ms(per1k)}`,
  );
}

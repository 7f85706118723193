/**
 * `lago-grey build` end to end with the builtin engine and the real Zig
 * toolchain: reproducible image, SBOMs and bundle, which `verify` accepts.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectOciArchive } from '../oci/inspectOciArchive.ts';
import { runProcess } from '../process/runProcess.ts';
import { sbomValidators } from '../supply/testFixtures.ts';
import { helloDesign } from '../test/helpers/helloDesign.ts';
import { EXIT } from './CliError.ts';

const bin = join(fileURLToPath(new URL('../../', import.meta.url)), 'bin', 'lago-grey.mjs');
const dir = mkdtempSync(join(tmpdir(), 'lg-cli-build-'));
const env = { ...process.env, LAGO_DATA_DIR: join(dir, 'data'), SOURCE_DATE_EPOCH: '1700000000' };
const cli = async (...args: string[]) => {
  const r = await runProcess(process.execPath, [bin, ...args], { cwd: dir, env });
  return { code: r.exitCode, stdout: r.stdout, stderr: r.stderr };
};

interface CdxComponent {
  type: string;
  name: string;
  hashes?: { alg: string; content: string }[];
  components?: CdxComponent[];
}

beforeAll(() => {
  writeFileSync(join(dir, 'design.json'), JSON.stringify(helloDesign('cli-build')));
});

describe('lago-grey build', () => {
  it('builtin: writes image, SBOMs and bundle side by side, reproducibly, and verify accepts them', async () => {
    const first = await cli(
      'build',
      'design.json',
      '-o',
      'a/image.tar',
      '--sbom',
      'spdx,cyclonedx',
      '--sign',
    );
    expect(first.stderr).toContain('step build');
    expect(first.code).toBe(0);
    const digest = /image\s+\S+\s+(sha256:[0-9a-f]{64})/.exec(first.stdout)?.[1];
    expect(digest).toBeDefined();
    const second = await cli(
      'build',
      'design.json',
      '-o',
      'b/image.tar',
      '--sbom',
      'spdx,cyclonedx',
      '--sign',
    );
    expect(second.code).toBe(0);
    for (const f of ['image.tar', 'image.spdx.json', 'image.cdx.json', 'image.signature.json']) {
      expect(readFileSync(join(dir, 'b', f)).equals(readFileSync(join(dir, 'a', f)))).toBe(true);
    }

    const info = await inspectOciArchive(join(dir, 'a', 'image.tar'));
    expect(info.manifestDigest).toBe(digest);
    const regular = info.layers.flatMap((l) =>
      l.files.filter((f) => f.type === 'file').map((f) => `${f.path}|${f.sha256}`),
    );
    expect(regular).toContain(regular.find((r) => r.startsWith('/usr/bin/hello|')));

    const { spdx, cyclonedx } = sbomValidators();
    const spdxDoc = JSON.parse(readFileSync(join(dir, 'a', 'image.spdx.json'), 'utf8')) as {
      files: { fileName: string; checksums: { algorithm: string; checksumValue: string }[] }[];
      creationInfo: { created: string };
    };
    expect(spdx(spdxDoc), JSON.stringify(spdx.errors)).toBe(true);
    expect(spdxDoc.creationInfo.created).toBe('2023-11-14T22:13:20Z');
    const sum = (f: (typeof spdxDoc.files)[number], alg: string) =>
      f.checksums.find((c) => c.algorithm === alg)?.checksumValue;
    expect(new Set(spdxDoc.files.map((f) => `${f.fileName.slice(1)}|${sum(f, 'SHA256')}`))).toEqual(
      new Set(regular),
    );
    // SPDX 2.3 requires SHA1 on files: check one against the bytes tar extracts.
    const helloLayer = info.layers.find((l) => l.files.some((f) => f.path === '/usr/bin/hello'));
    const x = mkdtempSync(join(tmpdir(), 'lg-x-'));
    await runProcess('tar', [
      '-xf',
      join(dir, 'a', 'image.tar'),
      '-C',
      x,
      `blobs/sha256/${helloLayer?.digest.slice(7)}`,
    ]);
    await runProcess('tar', [
      '-xzf',
      join(x, 'blobs', 'sha256', helloLayer?.digest.slice(7) ?? ''),
      '-C',
      x,
      'usr/bin/hello',
    ]);
    const helloSha1 = createHash('sha1')
      .update(readFileSync(join(x, 'usr', 'bin', 'hello')))
      .digest('hex');
    expect(
      sum(
        spdxDoc.files.find((f) => f.fileName === './usr/bin/hello') ?? { fileName: '', checksums: [] },
        'SHA1',
      ),
    ).toBe(helloSha1);
    for (const f of spdxDoc.files) expect(sum(f, 'SHA1')).toMatch(/^[0-9a-f]{40}$/);
    const cdxDoc = JSON.parse(readFileSync(join(dir, 'a', 'image.cdx.json'), 'utf8')) as {
      components: CdxComponent[];
      metadata: { component: { purl: string } };
    };
    expect(cyclonedx(cdxDoc), JSON.stringify(cyclonedx.errors)).toBe(true);
    expect(cdxDoc.metadata.component.purl).toBe(`pkg:oci/cli-build@${digest}?tag=1`);
    const all: CdxComponent[] = [];
    const walk = (cs: CdxComponent[]): void => cs.forEach((c) => (all.push(c), walk(c.components ?? [])));
    walk(cdxDoc.components);
    expect(
      new Set(
        all
          .filter((c) => c.type === 'file')
          .map((c) => `${c.name}|${c.hashes?.find((h) => h.alg === 'SHA-256')?.content}`),
      ),
    ).toEqual(new Set(regular));

    const keys = await cli('keys');
    expect(keys.code).toBe(0);
    writeFileSync(join(dir, 'keys.json'), keys.stdout);
    const ok = await cli('verify', 'a/image.tar', 'a/image.signature.json', '--keys', 'keys.json');
    expect(ok.stdout).toBe(`verified cli-build:1 ${digest}: ML-DSA-87 ok, Ed448 ok, SLH-DSA-SHA2-256f ok\n`);
    expect(ok.code).toBe(0);

    // One flipped byte of the signed payload: every signature fails, named.
    const bundle = JSON.parse(readFileSync(join(dir, 'a', 'image.signature.json'), 'utf8')) as {
      payload: string;
    };
    const payload = Buffer.from(bundle.payload, 'base64');
    payload[20] = (payload[20] ?? 0) ^ 1;
    writeFileSync(
      join(dir, 'tampered.json'),
      JSON.stringify({ ...bundle, payload: payload.toString('base64') }),
    );
    const bad = await cli('verify', 'a/image.tar', 'tampered.json', '--keys', 'keys.json');
    expect(bad.code).toBe(EXIT.verificationFailed);
    expect(bad.stderr).toMatch(
      /^lago-grey verify: ML-DSA-87 signature invalid; Ed448 signature invalid; SLH-DSA-SHA2-256f signature invalid(; [^\n]+)?\n$/,
    );
  }, 600_000);

  it('builds with --engine podman too, and verify accepts its signed archive', async () => {
    const out = await cli('build', 'design.json', '-o', 'p/image.tar', '--engine', 'podman', '--sign');
    expect(out.stderr).toContain('step build');
    expect(out.code).toBe(0);
    const digest = /image\s+\S+\s+(sha256:[0-9a-f]{64})/.exec(out.stdout)?.[1];
    const keys = await cli('keys');
    writeFileSync(join(dir, 'keys.json'), keys.stdout);
    const ok = await cli('verify', 'p/image.tar', 'p/image.signature.json', '--keys', 'keys.json');
    expect(ok.stdout).toBe(`verified cli-build:1 ${digest}: ML-DSA-87 ok, Ed448 ok, SLH-DSA-SHA2-256f ok\n`);
    expect(ok.code).toBe(0);
  }, 600_000);
});

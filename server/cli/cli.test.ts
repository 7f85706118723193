/**
 * The CLI as CI runs it: a subprocess through bin/lago-grey.mjs. Every error
 * path must print exactly one line on stderr (no stack) and its exit code.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../process/runProcess.ts';
import { signPayload } from '../supply/signatureBundle.ts';
import { generateSigningKeys, publicKeysDocument } from '../supply/signingKeys.ts';
import { simpleSigningPayload } from '../supply/simpleSigning.ts';
import { writeTestOciArchive } from '../supply/testFixtures.ts';
import { helloDesign } from '../test/helpers/helloDesign.ts';
import { EXIT } from './CliError.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin', 'lago-grey.mjs');
const dir = mkdtempSync(join(tmpdir(), 'lg-cli-'));

async function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const r = await runProcess(process.execPath, [bin, ...args], {
    cwd: dir,
    env: { ...process.env, LAGO_DATA_DIR: join(dir, 'data') },
  });
  return { code: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}

/** One line of reason, no stack trace. */
function expectOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

const design = helloDesign('cli-test');
const designPath = join(dir, 'design.json');
const keys = generateSigningKeys();
let digest = '';

beforeAll(async () => {
  writeFileSync(designPath, JSON.stringify(design));
  writeFileSync(join(dir, 'broken.json'), '{"schemaVersion": 1,');
  writeFileSync(
    join(dir, 'bad-design.json'),
    JSON.stringify({ ...design, layers: [{ name: 'base', components: ['libfoo'] }] }),
  );
  writeFileSync(join(dir, 'keys.json'), JSON.stringify(publicKeysDocument(keys)));
  writeFileSync(join(dir, 'not-keys.json'), '{"keys":[{"alg":"RSA"}]}');
  digest = await writeTestOciArchive(mkdtempSync(join(tmpdir(), 'lg-cli-img-')), join(dir, 'image.tar'));
  writeFileSync(
    join(dir, 'bundle.json'),
    JSON.stringify(signPayload(simpleSigningPayload('cli-test:1', digest), keys)),
  );
});

describe('lago-grey help', () => {
  it('covers every command with examples and the exit codes', async () => {
    const [main, ...cmds] = await Promise.all([
      cli('--help'),
      ...['check', 'build', 'containerfile', 'verify', 'keys'].map((c) => cli(c, '--help')),
    ]);
    expect(main.code).toBe(0);
    for (const c of ['check', 'build', 'containerfile', 'verify', 'keys'])
      expect(main.stdout).toContain(`  ${c} `);
    expect(main.stdout).toContain('7   verify: image archive corrupt');
    for (const r of cmds) {
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: lago-grey \w+/);
      expect(r.stdout).toContain('Examples:');
    }
  });
});

describe('lago-grey error paths: one line, distinct exit codes', () => {
  it('missing file → 3, invalid JSON → 4, schema error with path → 5', async () => {
    const [missing, broken, schema] = await Promise.all([
      cli('check', 'nope.json'),
      cli('check', 'broken.json'),
      cli('check', 'bad-design.json'),
    ]);
    expect(missing.code).toBe(EXIT.fileNotFound);
    expectOneLine(missing.stderr, /^lago-grey check: cannot read design .*nope\.json: no such file$/);
    expect(broken.code).toBe(EXIT.invalidJson);
    expectOneLine(broken.stderr, /^lago-grey check: design .*broken\.json is not valid JSON: /);
    expect(schema.code).toBe(EXIT.invalidDesign);
    expectOneLine(
      schema.stderr,
      /^lago-grey check: design .*bad-design\.json is invalid: layers\[0\]\.components\[0\]: .*libfoo/,
    );
  });

  it('unknown flag, unknown command, missing argument → 2', async () => {
    const [flag, cmd, missing, none] = await Promise.all([
      cli('check', 'design.json', '--frobnicate'),
      cli('frobnicate'),
      cli('build', 'design.json'),
      cli(),
    ]);
    for (const r of [flag, cmd, missing, none]) expect(r.code).toBe(EXIT.usage);
    expectOneLine(none.stderr, /^lago-grey: missing command/);
    expectOneLine(flag.stderr, /^lago-grey check: Unknown option '--frobnicate'/);
    expectOneLine(cmd.stderr, /^lago-grey: unknown command "frobnicate"/);
    expectOneLine(missing.stderr, /^lago-grey build: -o <image\.tar> is required$/);
  });

  it('verify: intact → 0; tampered image → 7; tampered bundle → 6; other keys → 6; bad keys file → 9', async () => {
    const bundle = JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8')) as {
      payload: string;
      signatures: { alg: string; sig: string }[];
    };
    const sig = Buffer.from(bundle.signatures[2]?.sig ?? '', 'base64');
    sig[100] = (sig[100] ?? 0) ^ 1;
    writeFileSync(
      join(dir, 'tampered-bundle.json'),
      JSON.stringify({
        ...bundle,
        signatures: bundle.signatures.map((s, i) => (i === 2 ? { ...s, sig: sig.toString('base64') } : s)),
      }),
    );
    const image = readFileSync(join(dir, 'image.tar'));
    const gz = image.indexOf(Buffer.from([0x1f, 0x8b, 0x08]));
    image[gz + 25] = (image[gz + 25] ?? 0) ^ 1;
    writeFileSync(join(dir, 'tampered.tar'), image);
    writeFileSync(join(dir, 'other-keys.json'), JSON.stringify(publicKeysDocument(generateSigningKeys())));
    const [ok, badImage, badBundle, otherKeys, badKeys] = await Promise.all([
      cli('verify', 'image.tar', 'bundle.json', '--keys', 'keys.json'),
      cli('verify', 'tampered.tar', 'bundle.json', '--keys', 'keys.json'),
      cli('verify', 'image.tar', 'tampered-bundle.json', '--keys', 'keys.json'),
      cli('verify', 'image.tar', 'bundle.json', '--keys', 'other-keys.json'),
      cli('verify', 'image.tar', 'bundle.json', '--keys', 'not-keys.json'),
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe(`verified cli-test:1 ${digest}: ML-DSA-87 ok, Ed448 ok, SLH-DSA-SHA2-256f ok\n`);
    expect(badImage.code).toBe(EXIT.imageCorrupt);
    expectOneLine(
      badImage.stderr,
      /^lago-grey verify: image archive corrupt: blob sha256:[0-9a-f]{64} does not match its digest$/,
    );
    expect(badBundle.code).toBe(EXIT.verificationFailed);
    expectOneLine(badBundle.stderr, /^lago-grey verify: SLH-DSA-SHA2-256f signature invalid$/);
    expect(otherKeys.code).toBe(EXIT.verificationFailed);
    expectOneLine(otherKeys.stderr, /^lago-grey verify: ML-DSA-87 signature made with untrusted key/);
    expect(badKeys.code).toBe(EXIT.invalidKeys);
    expectOneLine(
      badKeys.stderr,
      /^lago-grey verify: keys not-keys\.json: keys\[0\]\.alg: unknown algorithm "RSA"$/,
    );
  });
});

describe('lago-grey check gates', () => {
  it('max-bytes passes at the total and fails one byte below (exit 1); dive gates pass at their limits', async () => {
    const json = await cli('check', 'design.json', '--json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as {
      pass: boolean;
      budget: { totalBytes: number };
      gates: { name: string; pass: boolean }[];
    };
    const total = report.budget.totalBytes;
    const [atLimit, below, strict] = await Promise.all([
      cli('check', 'design.json', '--max-bytes', String(total)),
      cli('check', 'design.json', '--max-bytes', String(total - 1)),
      cli(
        'check',
        'design.json',
        '--lowest-efficiency',
        '1',
        '--highest-user-wasted-percent',
        '0',
        '--highest-wasted-bytes',
        '0',
      ),
    ]);
    expect(atLimit.code).toBe(0);
    expect(atLimit.stdout).toMatch(/PASS max-bytes/);
    expect(below.code).toBe(EXIT.gateFailed);
    expect(below.stdout).toMatch(/FAIL max-bytes/);
    expectOneLine(
      below.stderr,
      new RegExp(`^lago-grey check: max-bytes: .*\\(${total} B\\) > .*\\(${total - 1} B\\)$`),
    );
    expect(strict.code).toBe(0);
  });

  it('reads gates from .lago-grey-ci beside the design; flags override it', async () => {
    const sub = mkdtempSync(join(dir, 'ci-'));
    writeFileSync(join(sub, 'design.json'), JSON.stringify(design));
    writeFileSync(join(sub, '.lago-grey-ci'), 'rules:\n  max-bytes: 1KB\n');
    const [fromFile, overridden] = await Promise.all([
      cli('check', join(sub, 'design.json')),
      cli('check', join(sub, 'design.json'), '--max-bytes', '17.5MB'),
    ]);
    expect(fromFile.code).toBe(EXIT.gateFailed);
    expect(fromFile.stdout).toContain(`gates (${join(sub, '.lago-grey-ci')})`);
    expect(overridden.code).toBe(0);
  });
});

describe('lago-grey containerfile', () => {
  it('prints the Containerfile of the design', async () => {
    const r = await cli('containerfile', 'design.json');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/COPY layers\/00-base\/ \//);
    expect(r.stdout).toMatch(/ENTRYPOINT \["\/usr\/bin\/hello"\]/);
  });
});

/**
 * The staged context is a real podman build context, and the base's choices
 * hold in a running container: a nonroot process can write its home (mode
 * 1777, since COPY makes everything root-owned) and /tmp, and obli-pkg
 * verifies the image it is in.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../shared/design/templates.ts';
import { createComponentService } from '../components/createResolvers.ts';
import { makeTempDir, recordingContext } from '../components/testSupport.ts';
import { TestPodman } from '../test/helpers/podman.ts';
import { SHARED_CACHE_DIR } from '../test/helpers/testServer.ts';
import { stageContext } from './stageContext.ts';

const IMAGE = 'localhost/lago-staged-test:1';

describe('a staged context built by podman (debug-busybox template)', () => {
  let work: string;
  const podman = new TestPodman();

  beforeAll(async () => {
    work = await makeTempDir('staged-image');
    await fs.mkdir(SHARED_CACHE_DIR, { recursive: true });
    await fs.mkdir(path.join(work, 'data'));
    await fs.symlink(SHARED_CACHE_DIR, path.join(work, 'data', 'cache'));
    const service = createComponentService({
      dataDir: path.join(work, 'data'),
      artifactsDir: path.join(work, 'artifacts'),
    });
    const design = structuredClone(TEMPLATES.find((t) => t.id === 'debug-busybox')?.design);
    if (!design) throw new Error('debug-busybox template missing');
    const { items, resolved } = await service.resolveDesign(design, recordingContext(design));
    const contextDir = path.join(work, 'ctx');
    await stageContext({ design, items, resolved, contextDir, sourceDateEpoch: 0 });
    const b = await podman.run(['build', '--timestamp', '0', '-t', IMAGE, contextDir], 300_000);
    if (b.code !== 0) throw new Error(`podman build failed: ${b.stderr}`);
  }, 600_000);
  afterAll(async () => {
    podman.dispose();
    await fs.rm(work, { recursive: true, force: true });
  });

  it('runs as nonroot with a writable home and /tmp, and obli-pkg verify passes', async () => {
    const script =
      'id -u; touch /home/nonroot/x && touch /tmp/y && echo WRITABLE && /usr/bin/obli-pkg verify';
    const r = await podman.run([
      'run',
      '--rm',
      '--network',
      'none',
      '--runtime',
      'runc',
      '--ulimit',
      'nofile=1024:1024',
      '--ulimit',
      'nproc=1024:1024',
      '--user',
      '65532:65532',
      '--entrypoint',
      '/bin/busybox',
      IMAGE,
      'sh',
      '-c',
      script,
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^65532\nWRITABLE\nOK: \d+ files verified/);
    expect(r.code).toBe(0);
  });

  it('keeps the modes and owners the stager set', async () => {
    const r = await podman.runImage(IMAGE, [
      'stat',
      '-c',
      '%a %u:%g %n',
      '/tmp',
      '/home/nonroot',
      '/etc/passwd',
      '/usr/bin/hello',
    ]);
    expect(r.stdout.trim().split('\n')).toEqual([
      '1777 0:0 /tmp',
      '1777 0:0 /home/nonroot',
      '644 0:0 /etc/passwd',
      '755 0:0 /usr/bin/hello',
    ]);
  });
});

/**
 * Test support: writes a staged build context by hand (the stager's output
 * format: `Containerfile` from the shared generator + `layers/NN-slug/…`
 * with exact modes and mtimes = SOURCE_DATE_EPOCH), and compiles a tiny
 * static Zig program for images that must really run.
 */
import { chmod, copyFile, lstat, lutimes, mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { staticCatalogItems } from '../../../shared/catalog/staticCatalogItems.ts';
import { generateContainerfile, layerDirName } from '../../../shared/containerfile/generateContainerfile.ts';
import type { Design } from '../../../shared/design/types.ts';
import { compileZigTestBinary } from '../../test/helpers/zigTestBinary.ts';
import type { StagedLayer } from '../types.ts';

export type TestFile =
  | { path: string; type: 'file'; mode: number; content?: string | Buffer; hostFile?: string }
  | { path: string; type: 'dir'; mode: number }
  | { path: string; type: 'symlink'; target: string };

export interface TestLayer {
  name: string;
  /** Parents must come before children; missing parents are created 0755. */
  files: TestFile[];
}

export interface StagedTestContext {
  contextDir: string;
  layers: StagedLayer[];
  design: Design;
}

async function setTimesDeep(dir: string, epoch: number): Promise<void> {
  for (const name of await readdir(dir)) {
    const p = join(dir, name);
    const st = await lstat(p);
    if (st.isDirectory()) await setTimesDeep(p, epoch);
    await lutimes(p, epoch, epoch);
  }
}

/** Writes the context; directories' modes are applied last so 0500 dirs can still be filled. */
export async function writeStagedContext(
  contextDir: string,
  design: Design,
  layers: readonly TestLayer[],
  epoch: number,
): Promise<StagedTestContext> {
  const staged: StagedLayer[] = [];
  for (const [i, layer] of layers.entries()) {
    const dir = layerDirName(i, layer.name);
    const root = join(contextDir, dir);
    await mkdir(root, { recursive: true });
    const dirModes: Array<[string, number]> = [];
    for (const f of layer.files) {
      const p = join(root, f.path.replace(/^\//, ''));
      await mkdir(dirname(p), { recursive: true });
      if (f.type === 'dir') {
        await mkdir(p, { recursive: true });
        dirModes.push([p, f.mode]);
      } else if (f.type === 'symlink') {
        await symlink(f.target, p);
      } else {
        if (f.hostFile !== undefined) await copyFile(f.hostFile, p);
        else await writeFile(p, f.content ?? '');
        await chmod(p, f.mode);
      }
    }
    for (const [p, mode] of dirModes.reverse()) await chmod(p, mode);
    await setTimesDeep(root, epoch);
    staged.push({ name: layer.name, dir });
  }
  await writeFile(join(contextDir, 'Containerfile'), generateContainerfile(design, staticCatalogItems()));
  return { contextDir, layers: staged, design };
}

/** Compiles a static x86_64-linux-musl program that prints `message` and exits 0. */
export function compileHello(workDir: string, message: string): Promise<string> {
  return compileZigTestBinary(workDir, message);
}

/**
 * The top-level Containerfile cannot be built here (no registry), so this
 * keeps it honest against the repository instead: the scripts it runs exist,
 * the files it copies exist, and everything the start command loads is in the
 * runtime stage with production dependencies only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

/** Joins `\` continuations, drops comments, splits into stages. */
function parseContainerfile(text: string): { preamble: Instruction[]; stages: Stage[] } {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const preamble: Instruction[] = [];
  const stages: Stage[] = [];
  for (const line of logical) {
    const m = /^(\w+)\s+(.*)$/.exec(line);
    if (!m?.[1] || m[2] === undefined) throw new Error(`unparsable line: ${line}`);
    const ins = { keyword: m[1].toUpperCase(), args: m[2].trim() };
    if (ins.keyword === 'FROM') {
      const f = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      stages.push({ from: f?.[1] ?? '', name: f?.[2], instructions: [] });
    } else if (stages.length === 0) preamble.push(ins);
    else stages.at(-1)?.instructions.push(ins);
  }
  return { preamble, stages };
}

const text = readFileSync(join(ROOT, 'Containerfile'), 'utf8');
const { preamble, stages } = parseContainerfile(text);
const runtime = stages.at(-1) as Stage;
const of = (stage: Stage, keyword: string): Instruction[] =>
  stage.instructions.filter((i) => i.keyword === keyword);

/** `COPY [--from=x] src… dest` → flags, sources, dest. */
function parseCopy(args: string): { from: string | undefined; sources: string[]; dest: string } {
  const parts = args.split(/\s+/);
  const flags = parts.filter((p) => p.startsWith('--'));
  const rest = parts.filter((p) => !p.startsWith('--'));
  const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
  return { from, sources: rest.slice(0, -1), dest: rest.at(-1) ?? '' };
}

/** Bare package names a module loads at run time (type-only imports are erased). */
function runtimeImports(file: string): { relative: string[]; packages: string[] } {
  const src = readFileSync(file, 'utf8');
  const rel: string[] = [];
  const pkgs: string[] = [];
  const specifiers: string[] = [];
  for (const m of src.matchAll(/(?:^|\n)\s*(?:import|export)\s+(type\s+)?[^;'"]*?\bfrom\s+'([^']+)'/g)) {
    if (m[1] === undefined && m[2] !== undefined) specifiers.push(m[2]);
  }
  for (const m of src.matchAll(/(?:^|\n)\s*import\s+'([^']+)'/g)) if (m[1]) specifiers.push(m[1]);
  for (const m of src.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) if (m[1]) specifiers.push(m[1]);
  for (const s of specifiers) {
    if (s.startsWith('.')) rel.push(resolve(dirname(file), s));
    else if (!s.startsWith('node:'))
      pkgs.push(s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : (s.split('/')[0] ?? s));
  }
  return { relative: rel, packages: pkgs };
}

/** Every file reachable from `entry` through relative imports, and the packages they load. */
function importClosure(entry: string): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [entry];
  while (queue.length > 0) {
    const f = queue.pop() as string;
    if (files.has(f)) continue;
    files.add(f);
    const { relative: rel, packages: pkgs } = runtimeImports(f);
    for (const p of pkgs) if (!packages.has(p)) packages.set(p, relative(ROOT, f));
    queue.push(...rel.filter((r) => /\.(ts|js|mjs|json)$/.test(r)));
  }
  return { files, packages };
}

describe('Containerfile', () => {
  it('takes the base image as a build argument, with a default, for every stage', () => {
    const arg = preamble.find((i) => i.keyword === 'ARG' && i.args.startsWith('BASE_IMAGE='));
    expect(arg?.args).toBe('BASE_IMAGE=docker.io/library/node:20-bookworm-slim');
    const names = new Set(stages.map((s) => s.name));
    for (const s of stages) expect(s.from === '${BASE_IMAGE}' || names.has(s.from), s.from).toBe(true);
  });

  it('is multi-stage: the runtime copies the build output from the build stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const build = stages.find((s) => s.name === 'build');
    expect(build).toBeDefined();
    const fromBuild = of(runtime, 'COPY')
      .map((c) => parseCopy(c.args))
      .filter((c) => c.from === 'build');
    expect(fromBuild.map((c) => c.sources)).toContainEqual(['/src/dist']);
    // The build script really writes dist/.
    expect(pkg.scripts.build).toBeDefined();
    expect(readFileSync(join(ROOT, 'vite.config.ts'), 'utf8')).toMatch(/outDir:\s*'\.\.\/dist\/client'/);
  });

  it('calls only npm scripts that exist, and npm ci has a lockfile', () => {
    const runs = stages.flatMap((s) => of(s, 'RUN')).map((r) => r.args);
    const scripts = runs.flatMap((r) => [...r.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1] as string));
    expect(scripts).toContain('build');
    for (const s of scripts) expect(pkg.scripts, `npm run ${s}`).toHaveProperty(s);
    expect(runs.some((r) => r.includes('npm ci'))).toBe(true);
    expect(existsSync(join(ROOT, 'package-lock.json'))).toBe(true);
    expect(runs.filter((r) => r.includes('npm ci')).at(-1)).toMatch(/--omit=dev/);
  });

  it('copies only files that exist in a fresh clone', () => {
    for (const stage of stages) {
      for (const c of of(stage, 'COPY').map((i) => parseCopy(i.args))) {
        if (c.from !== undefined) continue;
        for (const src of c.sources) {
          const p = normalize(src);
          expect(p.startsWith('..') || p.startsWith('/'), src).toBe(false);
          expect(
            ['dist', 'node_modules', '.lago-grey'].includes(p.split('/')[0] ?? ''),
            `${src} is not in a clone`,
          ).toBe(false);
          expect(existsSync(join(ROOT, p)), `COPY ${src}`).toBe(true);
        }
      }
    }
  });

  it('starts a server entry that exists, with everything it loads copied in and only production dependencies', () => {
    const cmd = of(runtime, 'CMD').at(-1);
    expect(cmd).toBeDefined();
    const argv = JSON.parse(cmd?.args ?? '[]') as string[];
    expect(argv).toEqual(['node', '--import', 'tsx', 'server/main.ts']);
    expect(pkg.dependencies).toHaveProperty('tsx');
    const entry = join(ROOT, argv[3] ?? '');
    expect(existsSync(entry)).toBe(true);

    const copied = of(runtime, 'COPY')
      .map((i) => parseCopy(i.args))
      .filter((c) => c.from === undefined)
      .flatMap((c) => c.sources.map((s) => normalize(s)));
    const { files, packages } = importClosure(entry);
    expect(files.size).toBeGreaterThan(10);
    for (const f of files) {
      const rel = relative(ROOT, f);
      expect(existsSync(f), `${rel} (imported) exists`).toBe(true);
      expect(
        copied.some((c) => rel === c || rel.startsWith(`${c}/`)),
        `${rel} is loaded by the server but not copied into the runtime stage`,
      ).toBe(true);
    }
    const prod = { ...pkg.dependencies, ...pkg.optionalDependencies };
    for (const [name, importer] of packages) {
      expect(prod, `${importer} imports ${name}, which npm ci --omit=dev leaves out`).toHaveProperty(name);
    }
  });

  it('keeps the data dir (signing keys, uploads) and host node_modules out of the build context', () => {
    const ignore = readFileSync(join(ROOT, '.containerignore'), 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim());
    for (const p of ['node_modules', '.lago-grey', 'dist']) expect(ignore, p).toContain(p);
  });

  it('runs as non-root with the data dir as a volume, and documents the token for HOST=0.0.0.0', () => {
    const user = of(runtime, 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
    expect(of(runtime, 'VOLUME').map((v) => v.args)).toContain('/data');
    const env = of(runtime, 'ENV')
      .map((e) => e.args)
      .join(' ');
    expect(env).toMatch(/\bLAGO_DATA_DIR=\/data\b/);
    expect(env).toMatch(/\bHOST=0\.0\.0\.0\b/);
    expect(env).not.toMatch(/LAGO_API_TOKEN=/); // a secret is never baked into the image
    expect(text).toMatch(/LAGO_API_TOKEN/);
    expect(text).toMatch(/podman build -t lago-grey-designer \./);
  });
});

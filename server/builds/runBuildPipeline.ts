/**
 * One build, step by step: validate → resolve → stage → build → inspect →
 * smoke → supply. Each step announces `started` and `finished`/`failed` with
 * its duration, and every log line is published as it arrives. Failures are
 * thrown as `StepError`; the queue turns them (and aborts) into the outcome.
 */
import { access, mkdir, rm } from 'node:fs/promises';
import type {
  BuildEvent,
  BuildRecord,
  BuildResult,
  ImageComparison,
  LayerResult,
  SmokeResult,
} from '../../shared/api/types.ts';
import { computeBudget } from '../../shared/budget/computeBudget.ts';
import type { CatalogItem } from '../../shared/catalog/types.ts';
import type { Design } from '../../shared/design/types.ts';
import type { LogFn, ResolvedComponent } from '../components/types.ts';
import { AppError } from '../errors/AppError.ts';
import { buildPaths } from './buildPaths.ts';
import { checkBuildable } from './checkBuildable.ts';
import type { ImageInspection, PipelinePorts } from './pipelinePorts.ts';
import { StepError } from './StepError.ts';

export interface PipelineContext {
  ports: PipelinePorts;
  dataDir: string;
  sourceDateEpoch: number;
  smokeTest: boolean;
  emit: (event: BuildEvent) => void;
  signal: AbortSignal;
  /** Reads another build (the original of a rebuild); without it rebuilds are not compared. */
  lookupBuild?: (id: string) => BuildRecord | undefined;
}

export const PIPELINE_STEPS = [
  'validate',
  'resolve',
  'stage',
  'build',
  'inspect',
  'smoke',
  'supply',
  'compare',
] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];

export async function runBuildPipeline(record: BuildRecord, ctx: PipelineContext): Promise<BuildResult> {
  const { ports, signal, emit } = ctx;
  const design = record.design;
  const paths = buildPaths(ctx.dataDir, record.id);
  const engine = ports.engines[record.engine];

  const step = async <T>(name: PipelineStep, fn: (log: LogFn) => Promise<T>): Promise<T> => {
    if (signal.aborted) throw new StepError(name, new AppError('aborted', 409, 'the build was stopped'));
    const log: LogFn = (stream, line) => emit({ type: 'log', data: { step: name, stream, line } });
    emit({ type: 'step', data: { step: name, state: 'started' } });
    const t0 = performance.now();
    try {
      const value = await fn(log);
      if (signal.aborted) throw new AppError('aborted', 409, 'the build was stopped');
      emit({ type: 'step', data: { step: name, state: 'finished', ms: Math.round(performance.now() - t0) } });
      return value;
    } catch (e) {
      emit({ type: 'step', data: { step: name, state: 'failed', ms: Math.round(performance.now() - t0) } });
      throw e instanceof StepError ? e : new StepError(name, e);
    }
  };

  const items = await step('validate', async (log) => {
    const catalog = await ports.components.catalogItems();
    const problem = checkBuildable(design, catalog);
    if (problem) throw problem;
    await rm(paths.dir, { recursive: true, force: true });
    await mkdir(paths.contextDir, { recursive: true });
    log(
      'info',
      `design ${design.name}:${design.tag}: ${design.layers.length} layer(s), engine ${record.engine}`,
    );
    return catalog;
  });

  const resolved = await step('resolve', async (log) => {
    const byId = new Map(items.map((i) => [i.id, i]));
    const out = new Map<string, ResolvedComponent>();
    for (const ref of uniqueRefs(design)) {
      const item = byId.get(ref) as CatalogItem; // checkBuildable guarantees presence
      log('info', `resolving ${ref}`);
      const component = await ports.components.resolve(item, { design, log, signal });
      out.set(ref, component);
      log(
        'info',
        `${ref} ${component.version}: ${component.files.length} entries, ${component.contentBytes} bytes`,
      );
    }
    return out;
  });

  const staged = await step('stage', async (log) => {
    const s = await ports.stage({
      design,
      items,
      resolved,
      contextDir: paths.contextDir,
      sourceDateEpoch: ctx.sourceDateEpoch,
      log,
    });
    for (const layer of s.layers) log('info', `layer ${layer.name} → ${layer.dir}`);
    return s;
  });

  const built = await step('build', async (log) => {
    const version = await engine.version();
    if (version === null) {
      throw new AppError('engine_unavailable', 503, `the ${record.engine} engine cannot run on this server`);
    }
    log('info', `${record.engine} ${version}`);
    return engine.build({
      contextDir: paths.contextDir,
      layers: staged.layers,
      design,
      sourceDateEpoch: ctx.sourceDateEpoch,
      outPath: paths.archivePath,
      log,
      signal,
    });
  });

  const inspected = await step('inspect', async (log) => {
    const i = await ports.inspect(built.archivePath);
    log(
      'info',
      `manifest ${i.summary.imageDigest ?? built.imageDigest}, ${i.summary.layers.length} layer(s)`,
    );
    return i;
  });

  const result = composeResult(design, items, built.imageDigest, inspected.summary);

  result.smoke = await step('smoke', async (log) => {
    const smoke = await runSmoke(ctx, record, paths, result.imageDigest, log);
    if (smoke.skippedReason !== undefined) log('info', `smoke test skipped: ${smoke.skippedReason}`);
    else log('info', `smoke test: ${smoke.command.join(' ')} exited ${smoke.exitCode}`);
    // A failing smoke test does not fail the build: the image exists and the
    // result shows what went wrong, which is what the user needs to fix it.
    if (smoke.skippedReason === undefined && smoke.exitCode !== 0) {
      log('info', `warning: the entrypoint exited with ${smoke.exitCode ?? 'no exit code'}`);
    }
    if (smoke.verify && smoke.verify.exitCode !== 0) {
      log('info', `warning: obli-pkg verify exited with ${smoke.verify.exitCode ?? 'no exit code'}`);
    }
    return smoke;
  });

  const supplyChain = ports.supplyChain;
  if (supplyChain) {
    const supply = await step('supply', (log) =>
      supplyChain({
        buildId: record.id,
        buildDir: paths.dir,
        archivePath: built.archivePath,
        inspection: inspected.raw,
        design,
        resolved,
        log,
        signal,
      }),
    );
    if (supply.sbom !== undefined) result.sbom = supply.sbom;
    if (supply.signature !== undefined) result.signature = supply.signature;
  }

  const original = record.rebuildOf;
  if (original !== undefined) {
    const comparison = await step('compare', (log) => compareWithOriginal(ctx, record, original, log));
    if (comparison !== undefined) result.comparison = comparison;
  }
  return result;
}

/**
 * A rebuild's image against its original's. Never fails the build: when the
 * original cannot be compared, the log says why and the result has no comparison.
 */
async function compareWithOriginal(
  ctx: PipelineContext,
  record: BuildRecord,
  originalId: string,
  log: LogFn,
): Promise<ImageComparison | undefined> {
  const compare = ctx.ports.compareArchives;
  const original = ctx.lookupBuild?.(originalId);
  const skip = (why: string): undefined => void log('info', `not compared with build ${originalId}: ${why}`);
  if (compare === undefined || ctx.lookupBuild === undefined) return skip('comparison is not wired here');
  if (original === undefined) return skip('that build no longer exists');
  if (original.status !== 'succeeded') return skip(`that build ${original.status}`);
  const first = buildPaths(ctx.dataDir, originalId).archivePath;
  const found = await access(first).then(
    () => true,
    () => false,
  );
  if (!found) return skip('its image has been removed from this server');
  try {
    const c = await compare(first, buildPaths(ctx.dataDir, record.id).archivePath, layerNames(record.design));
    const comparison: ImageComparison = { against: originalId, ...c };
    log('info', describeComparison(comparison));
    return comparison;
  } catch (e) {
    return skip(`comparing failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function layerNames(design: Design): string[] {
  return design.layers.map((l) => l.name);
}

/** One log line: "identical to build X" or where the first difference is. */
export function describeComparison(c: ImageComparison): string {
  if (c.identical) return `compare: identical to build ${c.against} (same manifest digest)`;
  const where =
    c.layerIndex < 0
      ? 'in the image config'
      : `in layer ${c.layerIndex}${c.layerName !== undefined ? ` (${c.layerName})` : ''}` +
        (c.path !== undefined ? ` at ${c.path}` : '');
  return `compare: differs from build ${c.against} ${where}: ${c.reason}`;
}

async function runSmoke(
  ctx: PipelineContext,
  record: BuildRecord,
  paths: { dir: string; archivePath: string },
  imageDigest: string,
  log: LogFn,
): Promise<SmokeResult> {
  const command = [...record.design.config.entrypoint, ...record.design.config.cmd];
  const skipped = (reason: string): SmokeResult => ({
    command,
    exitCode: null,
    output: '',
    skippedReason: reason,
  });
  if (!ctx.smokeTest) return skipped('smoke test not requested (smokeTest: false)');
  if (command.length === 0) return skipped('the design has no entrypoint or cmd to run');
  const reason = await ctx.ports.smoke.unavailableReason();
  if (reason !== null) return skipped(reason);
  return ctx.ports.smoke.run({
    buildId: record.id,
    buildDir: paths.dir,
    archivePath: paths.archivePath,
    imageDigest,
    design: record.design,
    log,
    signal: ctx.signal,
  });
}

/** Measured sizes next to what the budget planned, per layer and in total. */
export function composeResult(
  design: Design,
  items: readonly CatalogItem[],
  engineDigest: string,
  inspection: ImageInspection,
): BuildResult {
  const budget = computeBudget(design, items);
  const layers: LayerResult[] = inspection.layers.map((l, i) => ({
    name: design.layers[i]?.name ?? `layer ${i}`,
    digest: l.digest,
    diffId: l.diffId,
    contentBytes: l.contentBytes,
    tarBytes: l.tarBytes,
    compressedBytes: l.compressedBytes,
    fileCount: l.fileCount,
    plannedBytes: budget.layers[i]?.bytes ?? 0,
  }));
  const sum = (f: (l: LayerResult) => number): number => layers.reduce((acc, l) => acc + f(l), 0);
  const contentBytes = sum((l) => l.contentBytes);
  return {
    imageDigest: inspection.imageDigest ?? engineDigest,
    configDigest: inspection.configDigest,
    layers,
    contentBytes,
    tarBytes: sum((l) => l.tarBytes),
    compressedBytes: sum((l) => l.compressedBytes),
    plannedBytes: budget.totalBytes,
    targetBytes: design.targetBytes,
    withinBudget: contentBytes <= design.targetBytes,
  };
}

function uniqueRefs(design: Design): string[] {
  const seen = new Set<string>();
  for (const layer of design.layers) for (const ref of layer.components) seen.add(ref);
  return [...seen];
}

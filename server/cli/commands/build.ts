/**
 * `lago-grey build design.json -o image.tar`: the server's own pipeline
 * (component service, stager, engines, inspector, supply chain) run in
 * process, no server needed. Progress goes to stderr, the summary to stdout.
 */
import { BUILD_HELP } from '../help.ts';
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { BuildRecord, EngineName } from '../../../shared/api/types.ts';
import { formatBytes } from '../../../shared/bytes/formatBytes.ts';
import { buildPaths } from '../../builds/buildPaths.ts';
import { createPipelinePorts } from '../../builds/createPipelinePorts.ts';
import { runBuildPipeline } from '../../builds/runBuildPipeline.ts';
import { StepError } from '../../builds/StepError.ts';
import { resolveConfig } from '../../config.ts';
import { isAppError } from '../../errors/AppError.ts';
import { runSupplyChain, SBOM_FILES, SIGNATURE_FILE, type SbomFormat } from '../../supply/runSupplyChain.ts';
import { loadSigningKeys, type SigningKeys } from '../../supply/signingKeys.ts';
import { CliError, EXIT } from '../CliError.ts';
import { expectPositionals, parseCommandArgs, type CliIo } from '../cliIo.ts';
import { readDesignFile } from '../inputs.ts';

const baseOf = (out: string): string => out.replace(/\.(oci\.)?tar$/, '');

export async function buildCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('build', args, {
    output: { type: 'string', short: 'o' },
    engine: { type: 'string' },
    sbom: { type: 'string' },
    sign: { type: 'boolean' },
    'data-dir': { type: 'string' },
    'source-date-epoch': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(`${BUILD_HELP}\n`);
    return EXIT.ok;
  }
  const [designPath = ''] = expectPositionals('build', positionals, ['<design.json>']);
  if (typeof values.output !== 'string' || values.output === '') throw new CliError(EXIT.usage, '-o <image.tar> is required');
  const engine = (values.engine ?? 'builtin') as EngineName;
  if (engine !== 'builtin' && engine !== 'podman') throw new CliError(EXIT.usage, `--engine must be builtin or podman, got "${values.engine}"`);
  const formats: SbomFormat[] = [];
  for (const f of (values.sbom ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (f !== 'spdx' && f !== 'cyclonedx') throw new CliError(EXIT.usage, `--sbom takes spdx and/or cyclonedx, got "${f}"`);
    if (!formats.includes(f)) formats.push(f);
  }
  const sdeText = values['source-date-epoch'] ?? io.env.SOURCE_DATE_EPOCH ?? '0';
  const sourceDateEpoch = Number(sdeText);
  if (!/^\d+$/.test(sdeText.trim()) || !Number.isSafeInteger(sourceDateEpoch)) {
    throw new CliError(EXIT.usage, `source date epoch must be whole seconds, got "${sdeText}"`);
  }

  const design = await readDesignFile(resolve(io.cwd, designPath));
  const output = resolve(io.cwd, values.output);
  const dataDir = resolve(io.cwd, values['data-dir'] ?? (io.env.LAGO_DATA_DIR?.trim() || '.lago-grey'));
  const config = resolveConfig({
    dataDir,
    sourceDateEpoch,
    ...(io.env.LAGO_ARTIFACTS_DIR?.trim() ? { artifactsDir: resolve(io.cwd, io.env.LAGO_ARTIFACTS_DIR.trim()) } : {}),
    ...(io.env.ZIG?.trim() ? { zigPath: io.env.ZIG.trim() } : {}),
  });
  await mkdir(dataDir, { recursive: true });
  let keys: SigningKeys;
  try {
    keys = loadSigningKeys(dataDir, io.env.LAGO_SIGNING_KEYS || undefined);
  } catch (e) {
    throw new CliError(EXIT.invalidKeys, isAppError(e) ? e.message : String(e));
  }
  const controller = new AbortController();
  const ports = createPipelinePorts(config, { keys });
  const wantSupply = formats.length > 0 || values.sign === true;
  // The server always runs the supply chain; the CLI only what was asked for.
  // Ctrl-C also terminates its SBOM/signing worker.
  if (wantSupply) {
    ports.supplyChain = (input) =>
      runSupplyChain({ ...input, keys, sourceDateEpoch, formats, sign: values.sign === true, signal: controller.signal });
  } else delete ports.supplyChain;

  const record: BuildRecord = { id: randomUUID(), status: 'running', engine, createdAt: new Date().toISOString(), design };
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  const paths = buildPaths(dataDir, record.id);
  const say = (line: string): void => io.stderr(`${line}\n`);
  say(`building ${design.name}:${design.tag} with the ${engine} engine`);
  try {
    const result = await runBuildPipeline(record, {
      ports,
      dataDir,
      sourceDateEpoch,
      smokeTest: false,
      signal: controller.signal,
      emit: (ev) => {
        if (ev.type === 'step' && ev.data.state !== 'started') say(`${ev.data.state === 'finished' ? 'done' : 'FAILED'} ${ev.data.step}${ev.data.ms !== undefined ? ` (${ev.data.ms} ms)` : ''}`);
        else if (ev.type === 'step') say(`step ${ev.data.step}`);
        else if (ev.type === 'log') say(`  ${ev.data.line}`);
      },
    });
    await mkdir(dirname(output), { recursive: true });
    await moveFile(paths.archivePath, output);
    const lines = [`image      ${output}  ${result.imageDigest}`];
    lines.push(
      `layers     ${result.layers.length}: ${formatBytes(result.contentBytes)} of files, ${formatBytes(result.compressedBytes)} compressed (target ${formatBytes(result.targetBytes)}${result.withinBudget ? '' : ', OVER BUDGET'})`,
    );
    const base = baseOf(output);
    for (const f of formats) {
      const dest = `${base}.${f === 'spdx' ? 'spdx' : 'cdx'}.json`;
      await moveFile(`${paths.dir}/${SBOM_FILES[f]}`, dest);
      lines.push(`sbom       ${dest}`);
    }
    if (values.sign) {
      const dest = `${base}.signature.json`;
      await moveFile(`${paths.dir}/${SIGNATURE_FILE}`, dest);
      lines.push(`signature  ${dest}  (${result.signature?.algorithms.join(', ') ?? ''})`);
    }
    io.stdout(`${lines.join('\n')}\n`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CliError) throw e;
    if (controller.signal.aborted) throw new CliError(EXIT.buildFailed, 'build cancelled');
    const step = e instanceof StepError ? e.step : undefined;
    const message = ((e as Error).message || String(e)).split('\n')[0];
    throw new CliError(EXIT.buildFailed, `build failed${step ? ` at step ${step}` : ''}: ${message}`);
  } finally {
    process.removeListener('SIGINT', onSigint);
    await rm(paths.dir, { recursive: true, force: true });
  }
}

async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    await copyFile(from, to);
  }
}

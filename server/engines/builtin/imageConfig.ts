/**
 * The OCI image config the builtin engine writes. It mirrors what podman
 * 4.3 writes for the generated Containerfile (`FROM scratch`, one COPY per
 * layer, then LABEL/ENV/USER/WORKDIR/ENTRYPOINT/CMD), with the same field
 * order, so the two engines' configs differ only in their history text.
 */

/** Podman's default PATH for images that do not set one (FROM scratch). */
export const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface ImageRuntimeConfig {
  user: string;
  /** In Containerfile order. */
  env: ReadonlyArray<readonly [string, string]>;
  entrypoint: readonly string[];
  cmd: readonly string[];
  workdir: string;
  labels: Readonly<Record<string, string>>;
}

export interface OciImageConfig {
  created: string;
  architecture: 'amd64';
  os: 'linux';
  config: {
    User?: string;
    Env: string[];
    Entrypoint?: string[];
    Cmd?: string[];
    WorkingDir?: string;
    Labels?: Record<string, string>;
  };
  rootfs: { type: 'layers'; diff_ids: string[] };
  history: Array<{ created: string; created_by: string; comment?: string; empty_layer?: boolean }>;
}

/** RFC 3339 without fractional seconds, as Go prints a whole-second time. */
export function rfc3339(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Env as `K=V`, podman's default PATH first unless the image sets its own (then in its place). */
export function envList(env: ImageRuntimeConfig['env']): string[] {
  const list = [DEFAULT_PATH];
  for (const [k, v] of env) {
    const entry = `${k}=${v}`;
    const at = list.findIndex((e) => e.startsWith(`${k}=`));
    if (at >= 0) list[at] = entry;
    else list.push(entry);
  }
  return list;
}

/** Go's encoder writes map keys sorted by bytes. */
const sortedRecord = (r: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(r).sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b))));

export interface ImageConfigInput {
  runtime: ImageRuntimeConfig;
  /** One per layer, bottom first. */
  layers: ReadonlyArray<{ dir: string; diffId: string }>;
  sourceDateEpoch: number;
}

export function buildImageConfig(input: ImageConfigInput): OciImageConfig {
  const created = rfc3339(input.sourceDateEpoch);
  const rt = input.runtime;
  const config: OciImageConfig['config'] = { Env: envList(rt.env) };
  if (rt.user) config.User = rt.user;
  if (rt.entrypoint.length > 0) config.Entrypoint = [...rt.entrypoint];
  if (rt.cmd.length > 0) config.Cmd = [...rt.cmd];
  if (rt.workdir) config.WorkingDir = rt.workdir;
  if (Object.keys(rt.labels).length > 0) config.Labels = sortedRecord(rt.labels);
  // Key order as Go's encoder writes the OCI struct.
  const ordered: OciImageConfig['config'] = {
    ...(config.User !== undefined ? { User: config.User } : {}),
    Env: config.Env,
    ...(config.Entrypoint ? { Entrypoint: config.Entrypoint } : {}),
    ...(config.Cmd ? { Cmd: config.Cmd } : {}),
    ...(config.WorkingDir !== undefined ? { WorkingDir: config.WorkingDir } : {}),
    ...(config.Labels ? { Labels: config.Labels } : {}),
  };
  return {
    created,
    architecture: 'amd64',
    os: 'linux',
    config: ordered,
    rootfs: { type: 'layers', diff_ids: input.layers.map((l) => l.diffId) },
    history: input.layers.map((l) => ({
      created,
      created_by: `COPY ${l.dir}/ / # lago-grey builtin`,
    })),
  };
}

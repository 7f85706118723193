import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from './config.ts';

describe('configFromEnv', () => {
  it('has the documented defaults', () => {
    const c = configFromEnv({});
    expect(c.port).toBe(8787);
    expect(c.host).toBe('127.0.0.1');
    expect(c.dataDir).toBe(path.resolve('.lago-grey'));
    expect(c.artifactsDir).toBe(path.join(c.dataDir, 'artifacts'));
    expect(c.buildTimeoutMs).toBe(600_000);
    expect(c.buildConcurrency).toBe(1);
    expect(c.sourceDateEpoch).toBe(0);
    expect(c.jsonLimitBytes).toBe(1_000_000);
    expect(c.maxSseStreamsPerClient).toBe(20);
    expect(c.sseHeartbeatMs).toBe(15_000);
    expect(c.zigPath).toBeUndefined();
    expect(c.apiToken).toBeUndefined();
    expect(c.clientDir.endsWith(path.join('dist', 'client'))).toBe(true);
  });

  it('reads every variable', () => {
    const c = configFromEnv({
      PORT: '0',
      HOST: '::1',
      LAGO_DATA_DIR: '/srv/lago',
      LAGO_ARTIFACTS_DIR: '/srv/artifacts',
      LAGO_BUILD_TIMEOUT_MS: '1000',
      LAGO_BUILD_CONCURRENCY: '3',
      ZIG: 'zig',
      SOURCE_DATE_EPOCH: '1700000000',
      LAGO_API_TOKEN: 'secret',
    });
    expect(c).toMatchObject({
      port: 0,
      host: '::1',
      dataDir: '/srv/lago',
      artifactsDir: '/srv/artifacts',
      buildTimeoutMs: 1000,
      buildConcurrency: 3,
      zigPath: 'zig',
      sourceDateEpoch: 1_700_000_000,
      apiToken: 'secret',
    });
  });

  it('rejects malformed numbers with the variable name', () => {
    expect(() => configFromEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => configFromEnv({ LAGO_BUILD_CONCURRENCY: '0' })).toThrow(/LAGO_BUILD_CONCURRENCY/);
    expect(() => configFromEnv({ SOURCE_DATE_EPOCH: '-1' })).toThrow(ConfigError);
  });

  it('refuses a non-loopback bind without LAGO_API_TOKEN, saying why', () => {
    expect(() => configFromEnv({ HOST: '0.0.0.0' })).toThrow(/LAGO_API_TOKEN/);
    expect(configFromEnv({ HOST: '0.0.0.0', LAGO_API_TOKEN: 't0ken' }).host).toBe('0.0.0.0');
  });
});

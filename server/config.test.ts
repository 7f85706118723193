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
      LAGO_MAX_UPLOAD_BYTES: '1000',
      LAGO_MAX_VERIFY_BYTES: '2000',
      LAGO_MAX_BUILDS: '7',
      LAGO_MAX_BUILD_BYTES: '123456',
      LAGO_SIGNING_KEYS: '/srv/keys.json',
      LAGO_ALLOWED_HOSTS: 'Designer.Example.com, proxy.local:8443',
      PODMAN: '/opt/podman',
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
      maxUploadBytes: 1000,
      maxVerifyBytes: 2000,
      maxBuilds: 7,
      maxBuildBytes: 123_456,
      signingKeysFile: '/srv/keys.json',
      allowedHosts: ['designer.example.com', 'proxy.local'],
      podmanBin: '/opt/podman',
      repairDatabase: false,
    });
    expect(configFromEnv({}, ['--repair']).repairDatabase).toBe(true);
    expect(() => configFromEnv({}, ['--repiar'])).toThrow(/unknown argument "--repiar"/);
  });

  it('fails fast naming the variable, where it used to fall back silently (LAGO_MAX_BUILDS=abc became 50)', () => {
    for (const name of [
      'LAGO_MAX_BUILDS',
      'LAGO_MAX_BUILD_BYTES',
      'LAGO_MAX_UPLOAD_BYTES',
      'LAGO_MAX_VERIFY_BYTES',
    ]) {
      expect(() => configFromEnv({ [name]: 'abc' })).toThrow(
        new RegExp(`^${name}: must be an integer from 1 to \\d+ \\(got "abc"\\)$`),
      );
      expect(() => configFromEnv({ [name]: '0' })).toThrow(ConfigError);
      expect(() => configFromEnv({ [name]: '1.5' })).toThrow(name);
    }
    expect(() => configFromEnv({ LAGO_ALLOWED_HOSTS: 'ok.example, http://bad/' })).toThrow(
      /^LAGO_ALLOWED_HOSTS: "http:\/\/bad\/" is not a host name/,
    );
    // Blank means unset, as before.
    expect(configFromEnv({ LAGO_MAX_BUILDS: ' ', PORT: '' })).toMatchObject({ maxBuilds: 50, port: 8787 });
  });

  it('rejects malformed numbers with the variable name', () => {
    expect(() => configFromEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => configFromEnv({ LAGO_BUILD_CONCURRENCY: '0' })).toThrow(/LAGO_BUILD_CONCURRENCY/);
    expect(() => configFromEnv({ SOURCE_DATE_EPOCH: '-1' })).toThrow(ConfigError);
  });

  it('refuses a non-loopback bind without LAGO_API_TOKEN, saying why', () => {
    expect(() => configFromEnv({ HOST: '0.0.0.0' })).toThrow(/LAGO_API_TOKEN/);
    const strong = '3f9c2a7be41d08f5c6a9e2b71d4f0c83';
    expect(configFromEnv({ HOST: '0.0.0.0', LAGO_API_TOKEN: strong }).host).toBe('0.0.0.0');
  });

  it('refuses a weak token on a non-loopback bind: blank, short, repetitive (it is fine on loopback)', () => {
    expect(() => configFromEnv({ HOST: '0.0.0.0', LAGO_API_TOKEN: ' ' })).toThrow(/white space/);
    expect(() => configFromEnv({ HOST: '0.0.0.0', LAGO_API_TOKEN: 'x' })).toThrow(
      /1 characters; at least 32/,
    );
    expect(() => configFromEnv({ HOST: '0.0.0.0', LAGO_API_TOKEN: 'ab'.repeat(20) })).toThrow(
      /too few different/,
    );
    expect(configFromEnv({ LAGO_API_TOKEN: 'x' }).apiToken).toBe('x');
  });
});

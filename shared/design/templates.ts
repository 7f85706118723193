import { DEFAULT_TARGET_BYTES } from './emptyDesign.ts';
import type { Design } from './types.ts';

/** A starting point offered by the designer. */
export interface DesignTemplate {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly design: Design;
}

const SSL_ENV = { SSL_CERT_FILE: '/etc/ssl/certs/ca-certificates.crt' };

/**
 * Starting designs. `seed-minimal` is the seed document's plan: base + hello +
 * obli-pkg + libsodium + libargon2 + liboqs, running `/usr/bin/hello`. Treat
 * `design` as read-only (clone before handing it to mutable code).
 */
export const TEMPLATES: readonly DesignTemplate[] = [
  {
    id: 'seed-minimal',
    name: 'Lago Grey minimal (seed)',
    description:
      "The seed's first image: base skeleton, classical and post-quantum crypto, hello and obli-pkg",
    design: {
      schemaVersion: 1,
      name: 'lago-grey-minimal',
      tag: '0.1.0',
      targetBytes: DEFAULT_TARGET_BYTES,
      layers: [
        { name: 'base', components: ['lago-grey-base'] },
        { name: 'crypto', components: ['libsodium', 'libargon2', 'liboqs'] },
        { name: 'apps', components: ['hello', 'obli-pkg'] },
      ],
      config: {
        entrypoint: ['/usr/bin/hello'],
        cmd: [],
        user: '65532:65532',
        workdir: '/',
        env: {},
        labels: {},
      },
    },
  },
  {
    id: 'static-nonroot',
    name: 'Static app on nonroot',
    description: 'A static binary on a distroless-style nonroot base with TLS roots and time zones',
    design: {
      schemaVersion: 1,
      name: 'static-nonroot',
      tag: '0.1.0',
      targetBytes: DEFAULT_TARGET_BYTES,
      layers: [
        { name: 'base', components: ['lago-grey-base', 'ca-certificates', 'tzdata'] },
        { name: 'app', components: ['hello'] },
      ],
      config: {
        entrypoint: ['/usr/bin/hello'],
        cmd: [],
        user: '65532:65532',
        workdir: '/home/nonroot',
        env: { ...SSL_ENV },
        labels: {},
      },
    },
  },
  {
    id: 'debug-busybox',
    name: 'Debug with busybox',
    description: 'The nonroot base plus a static busybox shell for debugging (not for production)',
    design: {
      schemaVersion: 1,
      name: 'lago-grey-debug',
      tag: 'debug',
      targetBytes: DEFAULT_TARGET_BYTES,
      layers: [
        { name: 'base', components: ['lago-grey-base', 'ca-certificates'] },
        { name: 'debug', components: ['busybox'] },
        { name: 'apps', components: ['hello', 'obli-pkg'] },
      ],
      config: {
        entrypoint: ['/bin/busybox'],
        cmd: ['sh'],
        user: '0:0',
        workdir: '/',
        env: { ...SSL_ENV },
        labels: {},
      },
    },
  },
];

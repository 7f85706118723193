import { describe, expect, it } from 'vitest';
import { CATALOG } from './catalog.ts';
import { findCatalogEntry, isCatalogId, staticCatalogItems } from './staticCatalogItems.ts';

const PRODUCT_IDS = [
  'hello',
  'obli-pkg',
  'lago-grey-base',
  'ca-certificates',
  'tzdata',
  'busybox',
  'libsodium',
  'libargon2',
  'liboqs',
  'musl-dns',
  'quiche',
  'curl-minimal',
  'openssl',
  'python-runtime',
  'nodejs-runtime',
];

describe('static catalog', () => {
  it('has exactly the ids of PRODUCT.md §1', () => {
    expect(CATALOG.map((e) => e.id).sort()).toEqual([...PRODUCT_IDS].sort());
  });

  it('gives each item its estimate, a computed formation and availability', () => {
    const items = staticCatalogItems();
    expect(items).toHaveLength(CATALOG.length);
    const oqs = items.find((i) => i.id === 'liboqs');
    expect(oqs).toMatchObject({
      sizeBytes: 11_000_000,
      sizeIsEstimate: true,
      formation: 'iceberg',
      available: true,
    });
    expect(items.find((i) => i.id === 'python-runtime')?.formation).toBe('glacier');
    expect(items.find((i) => i.id === 'hello')?.formation).toBe('floe');
  });

  it('looks entries up by id', () => {
    expect(findCatalogEntry('hello')?.binaries).toEqual(['/usr/bin/hello']);
    expect(findCatalogEntry('libfoo')).toBeUndefined();
    expect(isCatalogId('busybox')).toBe(true);
    expect(isCatalogId('upload:sha256:' + 'a'.repeat(64))).toBe(false);
  });

  it('declares the capabilities the analyzer reasons about', () => {
    const provided = new Set(CATALOG.flatMap((e) => e.provides));
    for (const cap of ['tls-roots', 'shell', 'dns-resolver', 'pq-crypto', 'passwd', 'tzdata'] as const) {
      expect(provided.has(cap)).toBe(true);
    }
  });
});

/**
 * Catalog types. A catalog entry describes a component a design can reference;
 * a {@link CatalogItem} is what the server's `GET /api/catalog` returns for it,
 * with the size the budget must use right now (measured once resolved).
 */

/** What kind of thing a component is. */
export type Category = 'base' | 'binary' | 'library' | 'data' | 'runtime';

/** Size class, always computed from bytes (see `formationOf`), never stored. */
export type Formation = 'floe' | 'iceberg' | 'glacier';

/**
 * Capabilities a component provides or requires, so the analyzer can reason
 * about what is missing. Free-form strings are allowed for uploads.
 */
export type Capability =
  | 'tls-roots'
  | 'shell'
  | 'dns-resolver'
  | 'pq-crypto'
  | 'classical-crypto'
  | 'passwd'
  | 'tzdata'
  | 'network-tools'
  | 'package-manager'
  | 'interpreter'
  | 'http3'
  | 'tls';

/** Where a component's bytes really come from on the server. */
export type SourceRecipe =
  /** Compiled from `components/<dir>/<main>` with the Zig toolchain. */
  | { kind: 'zig'; dir: string; main: string }
  /**
   * Taken from a Debian package fetched with `apt-get download` and unpacked
   * with `dpkg-deb -x`. `paths` are package paths (files or directories) that
   * are copied as they are; `caBundle` concatenates the package's certificates
   * into the bundle path, as `update-ca-certificates` would.
   */
  | { kind: 'deb'; package: string; paths: string[]; caBundle?: string }
  /** Written by the server itself (e.g. the distroless-style root skeleton). */
  | { kind: 'generated' }
  /** A file an operator puts in `LAGO_ARTIFACTS_DIR`, installed at `installPath`. */
  | { kind: 'artifact'; file: string; installPath: string }
  /** A user's own static binary, stored content-addressed by the server. */
  | { kind: 'upload'; sha256: string; installPath: string };

/** A static catalog entry (data in `shared/catalog/catalog.ts`). */
export interface CatalogEntry {
  /** Stable id used in designs, e.g. `"hello"`. */
  readonly id: string;
  readonly name: string;
  /** One line, no trailing period. */
  readonly summary: string;
  readonly category: Category;
  /** The seed's or prototype's claimed size, in bytes (decimal). */
  readonly estimatedBytes: number;
  /** Absolute image paths this component installs (files, or directory prefixes). */
  readonly paths: readonly string[];
  /** Executables among `paths`, offered as entrypoints. */
  readonly binaries: readonly string[];
  readonly provides: readonly Capability[];
  readonly requires: readonly Capability[];
  readonly source: SourceRecipe;
}

/** One file of a measured component, as dive counts it (regular files only). */
export interface MeasuredFile {
  readonly path: string;
  readonly bytes: number;
}

/** What `GET /api/catalog` returns per component (static entries and uploads alike). */
export interface CatalogItem extends CatalogEntry {
  /** The bytes the budget uses: measured regular-file bytes once resolved, else the estimate. */
  readonly sizeBytes: number;
  readonly sizeIsEstimate: boolean;
  readonly formation: Formation;
  /** Whether this server can build it (e.g. an artifact file is present, zig is found). */
  readonly available: boolean;
  /** Why not, and how to fix it, when `available` is false. */
  readonly unavailableReason?: string;
  /** Number of regular files, once measured. */
  readonly fileCount?: number;
  /** Regular files with their sizes, once measured. */
  readonly files?: readonly MeasuredFile[];
}

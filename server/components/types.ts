/**
 * Contract between component resolvers, the stager and the engines.
 * A resolver turns a catalog item into real files on disk (cached by content);
 * the stager lays them out as `layers/NN-slug/…` in a build context.
 */
import type { CatalogItem } from '../../shared/catalog/types.ts';
import type { Design } from '../../shared/design/types.ts';

export type FileType = 'file' | 'dir' | 'symlink';

/** One entry a component puts into the image. */
export interface ComponentFile {
  /** Absolute image path, normalised, no trailing slash (e.g. `/usr/bin/hello`). */
  path: string;
  type: FileType;
  /** Permission bits incl. setuid/sticky (e.g. 0o755, 0o1777). */
  mode: number;
  /** Regular files: byte size. 0 otherwise. */
  size: number;
  /** Regular files: hex SHA-256 of the content. */
  sha256?: string;
  /** Regular files: where the bytes live on the host (inside the content cache). */
  hostPath?: string;
  /** Symlinks: the link target, as stored. */
  linkTarget?: string;
}

/** Where a component came from, for the SBOM and `obli-pkg list`. */
export type ComponentOrigin =
  | { kind: 'zig'; sourceSha256: string; zigVersion: string; flags: string[] }
  | { kind: 'deb'; package: string; version: string; arch: string; sha256: string }
  | { kind: 'generated'; designSha256: string }
  | { kind: 'artifact'; file: string; sha256: string }
  | { kind: 'upload'; sha256: string };

export interface ResolvedComponent {
  id: string;
  version: string;
  origin: ComponentOrigin;
  /** Sorted by path. Directories that only hold files need not be listed. */
  files: ComponentFile[];
  /** Sum of regular-file sizes. */
  contentBytes: number;
}

export type LogFn = (stream: 'stdout' | 'stderr' | 'info', line: string) => void;

export interface ResolveContext {
  design: Design;
  log: LogFn;
  signal: AbortSignal;
}

export interface ComponentResolver {
  /** Whether this server can build the item, and if not why (shown in the palette). */
  availability(item: CatalogItem): Promise<{ available: true } | { available: false; reason: string }>;
  resolve(item: CatalogItem, ctx: ResolveContext): Promise<ResolvedComponent>;
}

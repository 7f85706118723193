/**
 * What `inspectOciArchive` reports about an image: the OCI documents as
 * parsed JSON plus, per layer, the measured sizes and every file.
 */

export interface OciDescriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  platform?: { architecture: string; os: string };
}

export interface OciIndex {
  schemaVersion: number;
  mediaType?: string;
  manifests: OciDescriptor[];
  annotations?: Record<string, string>;
}

export interface OciManifest {
  schemaVersion: number;
  mediaType?: string;
  config: OciDescriptor;
  layers: OciDescriptor[];
  annotations?: Record<string, string>;
}

export interface OciConfig {
  created?: string;
  architecture: string;
  os: string;
  config?: {
    User?: string;
    Env?: string[];
    Entrypoint?: string[];
    Cmd?: string[];
    WorkingDir?: string;
    Labels?: Record<string, string>;
  };
  rootfs: { type: string; diff_ids: string[] };
  history?: Array<{ created?: string; created_by?: string; comment?: string; empty_layer?: boolean }>;
}

export interface OciFile {
  /** Absolute image path, no trailing slash (`/usr/bin/hello`; `/` never appears). */
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  /** Permission bits incl. setuid/setgid/sticky. */
  mode: number;
  uid: number;
  gid: number;
  /** Regular files: content bytes; 0 otherwise. */
  size: number;
  /** Regular files: hex SHA-256 of the content. */
  sha256?: string;
  /** Symlink target as stored, or for a hard link the absolute path it links to. */
  linkTarget?: string;
}

export interface OciLayerInfo {
  /** Blob digest (compressed, as in the manifest). */
  digest: string;
  /** Digest of the uncompressed tar. */
  diffId: string;
  mediaType: string;
  compressedBytes: number;
  tarBytes: number;
  /** Sum of regular-file sizes: dive's measure, what the budget compares. */
  contentBytes: number;
  /** Entries that are not directories (files, symlinks, hard links). */
  fileCount: number;
  /** In tar order. */
  files: OciFile[];
}

export interface OciArchiveInfo {
  /** Digest of the manifest the index points at. */
  manifestDigest: string;
  configDigest: string;
  index: OciIndex;
  manifest: OciManifest;
  config: OciConfig;
  layers: OciLayerInfo[];
  /** `org.opencontainers.image.ref.name` of that manifest, when present. */
  refName?: string;
}

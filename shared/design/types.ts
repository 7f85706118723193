/**
 * The design document: what users save, share, put in git and build in CI.
 * The zod schema in `schema.ts` is the single source of truth for validation;
 * these types mirror it so that every module can import them cheaply.
 */

/** Current design format version. */
export const SCHEMA_VERSION = 1 as const;

/**
 * A component reference: a catalog id (`"hello"`), an upload
 * (`"upload:sha256:<64 hex>"`), or a planned component (`"planned:<slug>"`).
 */
export type ComponentRef = string;

/** One stack layer; each becomes exactly one image layer. Bottom layer first. */
export interface Layer {
  name: string;
  components: ComponentRef[];
}

/** A budget placeholder for something not built yet. Blocks a build. */
export interface PlannedComponent {
  /** `planned:<slug>` */
  id: string;
  name: string;
  estimatedBytes: number;
}

export interface DesignConfig {
  entrypoint: string[];
  cmd: string[];
  /** `name`, `uid` or `uid:gid` */
  user: string;
  workdir: string;
  env: Record<string, string>;
  labels: Record<string, string>;
}

export interface Design {
  schemaVersion: typeof SCHEMA_VERSION;
  /** Image name: `[a-z0-9][a-z0-9._-]{0,63}` */
  name: string;
  /** Image tag: `[A-Za-z0-9_][A-Za-z0-9._-]{0,127}` */
  tag: string;
  /** Integer bytes, 0..10_000_000_000 */
  targetBytes: number;
  layers: Layer[];
  config: DesignConfig;
  planned?: PlannedComponent[];
}

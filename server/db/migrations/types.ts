/** One schema step. `version` is the `PRAGMA user_version` after it ran. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Plain SQL, run inside the migration's transaction. */
  readonly sql: string;
}

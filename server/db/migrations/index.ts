import { migration001 } from './001_initial.ts';
import { migration002 } from './002_uploads.ts';
import { migration003 } from './003_build_options.ts';
import type { Migration } from './types.ts';

/** Every migration, in order. Append only: never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003];

export type { Migration } from './types.ts';

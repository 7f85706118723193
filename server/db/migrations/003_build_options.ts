import type { Migration } from './types.ts';

/**
 * What a build must remember across a restart besides its design: whether the
 * smoke test was asked for, and which build it rebuilds ("Rebuild and compare").
 */
export const migration003: Migration = {
  version: 3,
  name: 'build smoke test and rebuild origin',
  sql: `
    ALTER TABLE builds ADD COLUMN smoke_test INTEGER CHECK (smoke_test IN (0, 1));
    ALTER TABLE builds ADD COLUMN rebuild_of TEXT;
  `,
};

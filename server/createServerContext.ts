/**
 * Wires the parts of the server into one `ServerContext`: SQLite (checked at
 * start), the build store with retention, signing keys, the pipeline ports,
 * the build queue, and the design, upload and supply use cases.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ServerConfig } from './config.ts';
import { buildPaths } from './builds/buildPaths.ts';
import type { BuildStore } from './builds/BuildStore.ts';
import { createPipelinePorts } from './builds/createPipelinePorts.ts';
import type { PipelinePorts } from './builds/pipelinePorts.ts';
import { openDatabase } from './db/openDatabase.ts';
import { SqliteBuildStore } from './db/SqliteBuildStore.ts';
import { withRetention, type RetainingBuildStore } from './retention/withRetention.ts';
import type { ServerContext, ServerLog } from './ServerContext.ts';
import { loadSigningKeys } from './supply/signingKeys.ts';
import { createUseCaseDeps } from './usecases/createUseCaseDeps.ts';
import { createDesignUseCases } from './usecases/designUseCases.ts';
import { createSupplyUseCases } from './usecases/supplyUseCases.ts';
import { createUploadUseCases } from './usecases/uploadUseCases.ts';

export interface ContextOverrides {
  /** An open database instead of `<dataDir>/lago-grey.sqlite` (it is then not closed by the server). */
  db?: Database.Database;
  /** The build store; default SQLite. Retention wraps whichever store is used. */
  store?: BuildStore;
  /** The pipeline; default the real resolvers, engines, smoke test and supply chain. */
  ports?: PipelinePorts;
}

export interface WiredContext {
  ctx: ServerContext;
  store: RetainingBuildStore;
  /** Closes what the context opened (the database, unless it was given). */
  dispose(): Promise<void>;
}

export function createServerContext(
  config: ServerConfig,
  log: ServerLog,
  overrides: ContextOverrides = {},
): WiredContext {
  const db = overrides.db ?? openDatabase(config.dataDir, { repair: config.repairDatabase, log });
  try {
    // Oldest build artifacts go first past the count/bytes limits; running builds are never touched.
    const store = withRetention(overrides.store ?? new SqliteBuildStore(db), {
      dataDir: config.dataDir,
      maxBuilds: config.maxBuilds,
      maxBytes: config.maxBuildBytes,
      onError: (e) => log.error('retention pass failed:', e),
    });
    const keys = loadSigningKeys(config.dataDir, config.signingKeysFile);
    const uploads = createUploadUseCases({ db, dataDir: config.dataDir, maxBytes: config.maxUploadBytes });
    const ports = overrides.ports ?? createPipelinePorts(config, { keys, extraItems: uploads.catalogItems });
    const builds = createUseCaseDeps(config, store, ports);
    const ctx: ServerContext = {
      ...builds,
      db,
      keys,
      log,
      uploads,
      designs: createDesignUseCases({ db, extraItems: uploads.catalogItems }),
      supply: createSupplyUseCases({
        getBuild: (id) => store.get(id),
        buildDir: (id) => buildPaths(config.dataDir, id).dir,
        keys,
        tmpDir: path.join(config.dataDir, 'tmp'),
        maxUploadBytes: config.maxVerifyBytes,
      }),
    };
    return {
      ctx,
      store,
      dispose: async () => {
        await store.idle();
        if (overrides.db === undefined) db.close();
      },
    };
  } catch (e) {
    if (overrides.db === undefined) db.close();
    throw e;
  }
}

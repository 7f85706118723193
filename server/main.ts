/**
 * `npm start` entry: reads the environment, opens the SQLite database in the
 * data dir, recovers builds a previous run left behind, starts the server,
 * and shuts it down cleanly (killing running builds' process groups) on
 * SIGINT/SIGTERM.
 */
import { validateDesign } from '../shared/design/validateDesign.ts';
import { ConfigError, configFromEnv, type ServerConfig } from './config.ts';
import { openDatabase } from './db/openDatabase.ts';
import { recoverInterrupted } from './db/recoverInterrupted.ts';
import { SqliteBuildStore } from './db/SqliteBuildStore.ts';
import { createDesignRouter } from './routes/designRoutes.ts';
import { createUploadRouter, maxUploadBytesFromEnv } from './routes/uploadRoutes.ts';
import { retentionLimitsFromEnv } from './retention/applyRetention.ts';
import { withRetention } from './retention/withRetention.ts';
import { startServer, type RunningServer } from './startServer.ts';
import { uploadCatalogItems } from './uploads/uploadCatalogItems.ts';

function log(msg: string, err?: unknown): void {
  if (err === undefined) console.log(`[lago-grey] ${msg}`);
  else console.error(`[lago-grey] ${msg}`, err);
}

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = configFromEnv();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`lago-grey: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }

  // A bug in one request or build must never take the server down.
  process.on('unhandledRejection', (reason) =>
    log('unhandled promise rejection (the server keeps running):', reason),
  );

  const db = openDatabase(config.dataDir);
  // Oldest build artifacts go first once the count/bytes limits are passed; running builds are never touched.
  const store = withRetention(new SqliteBuildStore(db), {
    dataDir: config.dataDir,
    ...retentionLimitsFromEnv(),
  });
  let running: RunningServer;
  try {
    running = await startServer(config, {
      store,
      extraItems: () => uploadCatalogItems(db),
      recover: (store) => {
        const outcome = recoverInterrupted(store);
        for (const b of outcome.interrupted)
          log(`build ${b.id} was running when the server stopped: marked interrupted`);
        if (outcome.queued.length > 0) log(`resuming ${outcome.queued.length} queued build(s)`);
        return outcome;
      },
      routers: [
        { path: '/designs', router: createDesignRouter({ db, validate: (input) => validateDesign(input) }) },
        {
          path: '/uploads',
          router: createUploadRouter({ db, dataDir: config.dataDir, maxBytes: maxUploadBytesFromEnv() }),
        },
      ],
      onClose: async () => {
        await store.idle();
        db.close();
      },
    });
  } catch (e) {
    db.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      console.error(
        `lago-grey: port ${config.port} on ${config.host} is already in use; set PORT to another port`,
      );
      process.exit(1);
    }
    throw e;
  }
  store.runRetention().catch((e: unknown) => log('retention pass failed:', e));
  log(`Lago Grey Designer listening on ${running.url} (data in ${config.dataDir})`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: stopping running builds and closing the server…`);
    running.close().then(
      () => process.exit(0),
      (e: unknown) => {
        log('shutdown failed:', e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();

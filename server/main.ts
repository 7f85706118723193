/**
 * `npm start` entry: reads the configuration, starts the server through
 * `createServer`, and turns signals and start-up failures into exit codes.
 * Exit 1: bad configuration, port in use, or a database that needs the
 * operator (the message says what to do).
 */
import { ConfigError, configFromEnv, type ServerConfig } from './config.ts';
import { createServer, type RunningServer } from './createServer.ts';
import { isAppError } from './errors/AppError.ts';
import { consoleLog as log } from './ServerContext.ts';

function fail(message: string): never {
  console.error(`lago-grey: ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = configFromEnv(process.env, process.argv.slice(2));
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }

  // A bug in one request or build must never take the server down.
  process.on('unhandledRejection', (reason) =>
    log.error('unhandled promise rejection (the server keeps running):', reason),
  );

  let running: RunningServer;
  try {
    running = await createServer(config);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      fail(`port ${config.port} on ${config.host} is already in use; set PORT to another port`);
    if (code === 'EADDRNOTAVAIL')
      fail(`cannot bind ${config.host}: no such address on this machine; set HOST`);
    // Start-up refusals (damaged database, unreadable keys…) carry their own explanation.
    if (isAppError(e)) fail(e.message);
    throw e;
  }
  log.info(
    `Lago Grey Designer listening on ${running.url} (bound to ${running.boundAddress}; data in ${config.dataDir})`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log.info(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    log.info(`${signal}: stopping running builds and closing the server…`);
    running.close().then(
      () => process.exit(0),
      (e: unknown) => {
        log.error('shutdown failed:', e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();

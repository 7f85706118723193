/**
 * Everything the routers are given: the build use cases (`UseCaseDeps`) plus
 * the other use cases and the few shared resources. Assembled once by
 * `createServerContext`; a new use case is added here and there.
 */
import type Database from 'better-sqlite3';
import type { SigningKeys } from './supply/signingKeys.ts';
import type { DesignUseCases } from './usecases/designUseCases.ts';
import type { SupplyUseCases } from './usecases/supplyUseCases.ts';
import type { UploadUseCases } from './usecases/uploadUseCases.ts';
import type { UseCaseDeps } from './usecases/UseCaseDeps.ts';

/** One line to the server log (stdout for info, stderr for errors). */
export interface ServerLog {
  info(msg: string): void;
  error(msg: string, err?: unknown): void;
}

export interface ServerContext extends UseCaseDeps {
  db: Database.Database;
  keys: SigningKeys;
  designs: DesignUseCases;
  uploads: UploadUseCases;
  supply: SupplyUseCases;
  log: ServerLog;
}

export const consoleLog: ServerLog = {
  info: (msg) => console.log(`[lago-grey] ${msg}`),
  error: (msg, err) =>
    err === undefined ? console.error(`[lago-grey] ${msg}`) : console.error(`[lago-grey] ${msg}`, err),
};

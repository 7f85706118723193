// Worker entry for the supply-chain job. A plain .mjs because a worker does
// not inherit loader hooks installed with tsx's register() (scripts/start.mjs,
// bin/lago-grey.mjs) nor runs under vitest's module runner: it registers tsx
// itself, then loads the TypeScript job. Under `node --import tsx` the worker
// inherits that flag too; registering twice is harmless.
import { register } from 'tsx/esm/api';

register();
await import('./supplyWorkerMain.ts');

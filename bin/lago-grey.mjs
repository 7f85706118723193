#!/usr/bin/env node
// Launcher: registers tsx so the TypeScript CLI runs from the repo as is.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli/main.ts');

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type SpawnedServer } from '../helpers/spawnServer.ts';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/uploads');

/**
 * Regression for the CRITICAL finding of issue 12: a static ELF with
 * e_phentsize = e_phnum = 0xFFFF made the ELF check ask fs.read for ~4 GB and
 * Node aborted ("Assertion failed: args[3]->IsInt32()"), killing every build.
 */
describe('the upload that killed the server', () => {
  let dataDir = '';
  let server: SpawnedServer;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'lago-grey-crash-'));
    server = await spawnServer({ env: { LAGO_DATA_DIR: dataDir } });
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 10 });
  });

  it('answers 400 not_elf to the crash file and keeps serving', async () => {
    const body = readFileSync(path.join(FIXTURES, 'crash-phentsize-phnum-ffff.elf'));
    const res = await fetch(`${server.url}/api/uploads?name=x`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', Origin: server.url },
      body,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_elf');
    // Still alive, and the unmutated binary is accepted.
    const ok = await fetch(`${server.url}/api/uploads?name=hello`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', Origin: server.url },
      body: readFileSync(path.join(FIXTURES, 'static-hello.elf')),
    });
    expect(ok.status).toBe(201);
    expect(server.child.exitCode).toBeNull();
    expect(server.output()).not.toMatch(/Assertion failed/);
  });
});

/**
 * What the in-process benches share: a server with the SQLite store in its
 * own temp data dir, a POST of a builtin build, a streaming SSE frame
 * splitter, a count option, a give-up deadline and the exit code convention.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CreateBuildResponse } from '../shared/api/types.ts';
import type { Design } from '../shared/design/types.ts';
import { resolveConfig, type ServerConfig } from '../server/config.ts';
import { createServer, type RunningServer } from '../server/createServer.ts';

export interface BenchServer {
  running: RunningServer;
  config: ServerConfig;
  /** POSTs a builtin build without smoke test; throws unless HTTP 202. */
  postBuild(design: Design): Promise<CreateBuildResponse>;
  /** Closes the server and removes its data dir. */
  close(): Promise<void>;
}

/** Starts the server in this process on a loopback port (no warm-up, no client). */
export async function startBenchServer(label: string): Promise<BenchServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `lago-grey-bench-${label}-`));
  const config = resolveConfig({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    clientDir: path.join(dataDir, 'no-client'),
  });
  mkdirSync(dataDir, { recursive: true });
  const running = await createServer(config, {
    warmUp: false,
    log: { info: () => undefined, error: console.error },
  });
  return {
    running,
    config,
    postBuild: async (design) => {
      const res = await fetch(`${running.url}/api/builds`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ design, engine: 'builtin', smokeTest: false }),
      });
      if (res.status !== 202) throw new Error(`POST /api/builds: HTTP ${res.status} ${await res.text()}`);
      return (await res.json()) as CreateBuildResponse;
    },
    close: async () => {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface SseFrame {
  id?: number;
  /** `message` when the frame names no event. */
  type: string;
  /** The joined `data:` lines; '' for a heartbeat comment. */
  data: string;
}

/** Returns a `data` handler for a utf8 SSE response that calls `onFrame` per complete frame. */
export function sseFrameSplitter(onFrame: (frame: SseFrame) => void): (chunk: string) => void {
  let buf = '';
  return (chunk) => {
    buf += chunk;
    let sep = buf.indexOf('\n\n');
    while (sep !== -1) {
      const frame = buf.slice(0, sep);
      buf = buf.slice(sep + 2);
      sep = buf.indexOf('\n\n');
      let id: number | undefined;
      let type = 'message';
      let data = '';
      for (const line of frame.split('\n')) {
        if (line.startsWith('id:')) id = Number(line.slice(3).trim());
        else if (line.startsWith('event:')) type = line.slice(6).trim();
        else if (line.startsWith('data:')) data += line.slice(5).replace(/^ /, '');
      }
      onFrame(id === undefined ? { type, data } : { id, type, data });
    }
  };
}

/** `--flag N` from the command line as a whole count of at least 1, else `fallback`. */
export function countArg(flag: string, fallback: number): number {
  const at = process.argv.indexOf(flag);
  return at > 0 ? Math.max(1, Number(process.argv[at + 1])) : fallback;
}

/** Exits with 2 if the bench is still running after `ms`; clear the returned timer when done. */
export function giveUpAfter(label: string, ms: number): NodeJS.Timeout {
  const deadline = setTimeout(() => {
    console.error(`${label}: gave up after ${ms / 1000} s`);
    process.exit(2);
  }, ms);
  deadline.unref();
  return deadline;
}

/** Runs the bench's main: exit 0 when it resolves, 1 (with the error) when it rejects. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}

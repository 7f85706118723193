/** Helpers for the resolver and staging tests (real tools, temp dirs). */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Design } from '../../shared/design/types.ts';
import type { ResolveContext } from './types.ts';

export async function makeTempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `lago-${prefix}-`));
}

export function testDesign(layers: Design['layers']): Design {
  return {
    schemaVersion: 1,
    name: 'test-image',
    tag: 'latest',
    targetBytes: 17_500_000,
    layers,
    config: {
      entrypoint: ['/usr/bin/hello'],
      cmd: [],
      user: '65532:65532',
      workdir: '/',
      env: {},
      labels: {},
    },
  };
}

/** A resolve context that keeps every log line, for assertions. */
export function recordingContext(design: Design = testDesign([])): ResolveContext & { lines: string[] } {
  const lines: string[] = [];
  return {
    design,
    lines,
    log: (stream, line) => lines.push(`${stream}: ${line}`),
    signal: new AbortController().signal,
  };
}

/**
 * The API surface on the real server (port 0): health, catalog,
 * Containerfile, and every kind of bad input answering a clear 4xx JSON error
 * while the server keeps serving.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, HealthResponse } from '../../shared/api/types.ts';
import type { CatalogItem } from '../../shared/catalog/types.ts';
import { seedDesign, startTestServer, type TestServer } from './helpers/testServer.ts';

let srv: TestServer;

beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  await srv?.stop();
});

/** Sends a raw body with an arbitrary Content-Length (fetch would not let a body be malformed this way). */
function rawPost(
  path: string,
  body: Buffer,
  contentType = 'application/json',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${srv.url}${path}`,
      { method: 'POST', headers: { 'Content-Type': contentType, 'Content-Length': body.length } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('health and catalog', () => {
  it('reports the engines; podman and zig must be present on a test machine', async () => {
    const r = await srv.json<HealthResponse>('GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(true);
    expect(r.body.engines.builtin).toBe(true);
    expect(r.body.engines.podman, 'podman must be installed for the test suite').toMatch(/\d+\.\d+/);
    expect(r.body.engines.zig, 'zig must be found for the test suite').toMatch(/^0\.11\./);
  });

  it('lists every catalog entry with sizes, formation and availability', async () => {
    const r = await srv.json<CatalogItem[]>('GET', '/api/catalog');
    expect(r.status).toBe(200);
    const ids = r.body.map((i) => i.id);
    expect(ids).toEqual(
      expect.arrayContaining(['lago-grey-base', 'hello', 'obli-pkg', 'libsodium', 'liboqs']),
    );
    for (const item of r.body) {
      expect(Number.isInteger(item.sizeBytes)).toBe(true);
      expect(['floe', 'iceberg', 'glacier']).toContain(item.formation);
      expect(typeof item.available).toBe('boolean');
      if (!item.available) expect(item.unavailableReason).toBeTruthy();
    }
    const liboqs = r.body.find((i) => i.id === 'liboqs');
    expect(liboqs?.available).toBe(false);
    expect(liboqs?.unavailableReason).toMatch(/liboqs\.a/);
  });

  it('renders a Containerfile as text/plain', async () => {
    const res = await fetch(`${srv.url}/api/containerfile`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(seedDesign()),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^FROM scratch$/m);
    expect(text).toMatch(/^COPY layers\/00-base\/ \/$/m);
    expect(text).toMatch(/^ENTRYPOINT \["\/usr\/bin\/hello"\]$/m);
  });
});

describe('bad input gets a clear 4xx and the server keeps serving', () => {
  it('an invalid design is 400 with the path of the problem', async () => {
    const design = seedDesign();
    (design.layers[1] as { components: string[] }).components[0] = 'libfoo';
    const r = await srv.json<ApiErrorBody>('POST', '/api/builds', { design });
    expect(r.status).toBe(400);
    expect(r.body.error.path).toBe('design.layers[1].components[0]');
    expect(r.body.error.message).toMatch(/libfoo/);

    const cf = await srv.json<ApiErrorBody>('POST', '/api/containerfile', {
      ...seedDesign(),
      name: 'Bad Name!',
    });
    expect(cf.status).toBe(400);
    expect(cf.body.error.path).toBe('name');
  });

  it('a wrong engine or smokeTest type is 400 naming the field', async () => {
    const e = await srv.json<ApiErrorBody>('POST', '/api/builds', { design: seedDesign(), engine: 'docker' });
    expect(e.status).toBe(400);
    expect(e.body.error.path).toBe('engine');
    const s = await srv.json<ApiErrorBody>('POST', '/api/builds', { design: seedDesign(), smokeTest: 'yes' });
    expect(s.status).toBe(400);
    expect(s.body.error.path).toBe('smokeTest');
    const missing = await srv.json<ApiErrorBody>('POST', '/api/builds', {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.path).toBe('design');
  });

  it('a component id cannot name a host path', async () => {
    const design = seedDesign();
    (design.layers[0] as { components: string[] }).components.push('../../etc/passwd');
    const r = await srv.json<ApiErrorBody>('POST', '/api/builds', { design });
    expect(r.status).toBe(400);
    expect(r.body.error.path).toBe('design.layers[0].components[1]');
  });

  it('planned components block a build with a message naming them', async () => {
    const design = seedDesign();
    design.planned = [{ id: 'planned:my-api', name: 'My API server', estimatedBytes: 3_000_000 }];
    (design.layers[2] as { components: string[] }).components.push('planned:my-api');
    const r = await srv.json<ApiErrorBody>('POST', '/api/builds', { design });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('planned_components');
    expect(r.body.error.message).toMatch(/My API server/);
    expect(r.body.error.path).toBe('design.layers[2].components[2]');
  });

  it('an unavailable component (liboqs without its artifact) is 422 naming it and what to provide', async () => {
    const design = seedDesign();
    (design.layers[1] as { components: string[] }).components.push('liboqs');
    const r = await srv.json<ApiErrorBody>('POST', '/api/builds', { design });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('components_unavailable');
    expect(r.body.error.message).toMatch(/liboqs/);
    expect(r.body.error.message).toMatch(/liboqs\.a/);
  });

  it('malformed JSON is 400 invalid_json', async () => {
    const r = await rawPost('/api/builds', Buffer.from('{"design": '));
    expect(r.status).toBe(400);
    expect((JSON.parse(r.body) as ApiErrorBody).error.code).toBe('invalid_json');
  });

  it('a body over 1 MB is 413', async () => {
    const big = Buffer.from(JSON.stringify({ design: seedDesign(), pad: 'x'.repeat(1_100_000) }));
    const r = await rawPost('/api/builds', big);
    expect(r.status).toBe(413);
    expect((JSON.parse(r.body) as ApiErrorBody).error.code).toBe('payload_too_large');
  });

  it('unknown builds are 404, malformed ids too, and unknown API routes are JSON 404s', async () => {
    for (const p of [
      '/api/builds/00000000-0000-4000-8000-000000000000',
      '/api/builds/00000000-0000-4000-8000-000000000000/events',
      '/api/builds/00000000-0000-4000-8000-000000000000/image',
      '/api/builds/00000000-0000-4000-8000-000000000000/context',
      '/api/builds/..%2F..%2Fetc',
    ]) {
      const r = await srv.json<ApiErrorBody>('GET', p);
      expect(r.status, p).toBe(404);
      expect(r.body.error.code, p).toBe('build_not_found');
    }
    const del = await srv.json<ApiErrorBody>('DELETE', '/api/builds/00000000-0000-4000-8000-000000000000');
    expect(del.status).toBe(404);
    const unknown = await srv.json<ApiErrorBody>('GET', '/api/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
  });

  it('non-API paths get the page (or say how to build it), never a JSON error', async () => {
    const res = await fetch(`${srv.url}/some/page`);
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/npm run build/);
  });

  it('still answers after all of that', async () => {
    const r = await srv.json<HealthResponse>('GET', '/api/health');
    expect(r.status).toBe(200);
  });
});

describe('token and page', () => {
  it('with LAGO_API_TOKEN every API call needs the bearer token; pages are served with an SPA fallback', async () => {
    const clientDir = mkdtempSync(path.join(tmpdir(), 'lago-grey-client-'));
    writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Lago Grey Designer</title>');
    const guarded = await startTestServer({ apiToken: 'a-long-random-test-token', clientDir });
    try {
      const anon = await fetch(`${guarded.url}/api/health`);
      expect(anon.status).toBe(401);
      expect(((await anon.json()) as ApiErrorBody).error.code).toBe('unauthorized');
      const ok = await fetch(`${guarded.url}/api/health`, {
        headers: { Authorization: 'Bearer a-long-random-test-token' },
      });
      expect(ok.status).toBe(200);
      const page = await fetch(`${guarded.url}/designs/some-id`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/Lago Grey Designer/);
      const apiMiss = await fetch(`${guarded.url}/api/nope`, {
        headers: { Authorization: 'Bearer a-long-random-test-token' },
      });
      expect(apiMiss.status).toBe(404);
      expect(apiMiss.headers.get('content-type')).toMatch(/json/);
    } finally {
      await guarded.stop();
      rmSync(clientDir, { recursive: true, force: true });
    }
  });
});

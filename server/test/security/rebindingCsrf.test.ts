/**
 * Issue 12's HIGH and MEDIUM findings as standing probes against the real
 * server (createServer, SQLite, designs, uploads): DNS rebinding (foreign Host
 * names), CSRF (foreign Origin, form and text bodies), security headers, and
 * the JSON 431.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDesign } from '../../../shared/design/emptyDesign.ts';
import { CONTENT_SECURITY_POLICY } from '../../http/securityHeaders.ts';
import { rawRequest } from '../helpers/rawRequest.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';

const ELF = readFileSync(path.join(import.meta.dirname, '../fixtures/uploads/static-hello.elf'));
let srv: TestServer;
let self: string;
const design = JSON.stringify({ ...emptyDesign(), name: 'probe' });

beforeAll(async () => {
  srv = await startTestServer({ allowedHosts: ['designer.example.com'] });
  self = new URL(srv.url).host;
});
afterAll(async () => {
  await srv.stop();
});

const codeOf = (r: { json: () => { error: { code: string } } }): string => r.json().error.code;

describe('DNS rebinding: only the names the server is known by', () => {
  const writes = [
    { method: 'POST', path: '/api/designs', type: 'application/json', body: design },
    { method: 'POST', path: '/api/uploads?name=x', type: 'application/octet-stream', body: ELF },
    { method: 'DELETE', path: '/api/designs/d_0123456789abcdef', type: undefined, body: undefined },
  ];

  it('refuses every route, read or write, page or API, under a foreign Host', async () => {
    for (const host of [
      'evil.example:8787',
      'evil.example',
      `attacker.localhost.evil.example:${new URL(srv.url).port}`,
    ]) {
      for (const p of ['/api/designs', '/api/builds', '/api/uploads', '/api/health', '/', '/index.html']) {
        const r = await rawRequest(srv.url, { path: p, headers: { Host: host } });
        expect(r.status, `${host} ${p}`).toBe(403);
        expect(codeOf(r)).toBe('forbidden_host');
        expect(r.json<{ error: { message: string } }>().error.message).toMatch(/LAGO_ALLOWED_HOSTS/);
      }
      for (const w of writes) {
        const r = await rawRequest(srv.url, {
          method: w.method,
          path: w.path,
          headers: { Host: host, ...(w.type ? { 'Content-Type': w.type } : {}) },
          ...(w.body !== undefined ? { body: w.body } : {}),
        });
        expect(r.status, `${host} ${w.method} ${w.path}`).toBe(403);
      }
    }
    // Nothing was created.
    expect((await srv.json<{ designs: unknown[] }>('GET', '/api/designs')).body.designs).toEqual([]);
    expect((await srv.json<{ uploads: unknown[] }>('GET', '/api/uploads')).body.uploads).toEqual([]);
  });

  it('serves IP literals, localhost and LAGO_ALLOWED_HOSTS', async () => {
    const port = new URL(srv.url).port;
    for (const host of [
      self,
      `localhost:${port}`,
      'localhost',
      `[::1]:${port}`,
      'designer.example.com',
      'DESIGNER.example.com:443',
    ]) {
      expect((await rawRequest(srv.url, { path: '/api/health', headers: { Host: host } })).status, host).toBe(
        200,
      );
    }
  });
});

describe('CSRF: state changes only from this server’s own page', () => {
  it('refuses writes whose Origin is another site, "null", or a sibling port', async () => {
    const port = Number(new URL(srv.url).port);
    for (const origin of [
      'http://evil.example',
      'null',
      `http://127.0.0.1:${port + 1}`,
      `http://localhost:${port}`,
      'file://',
    ]) {
      const r = await rawRequest(srv.url, {
        method: 'POST',
        path: '/api/designs',
        headers: { Host: self, Origin: origin, 'Content-Type': 'application/json' },
        body: design,
      });
      expect(r.status, origin).toBe(403);
      expect(codeOf(r)).toBe('forbidden_origin');
    }
    const cross = await rawRequest(srv.url, {
      method: 'DELETE',
      path: '/api/builds/b_x',
      headers: { Host: self, 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(cross.status).toBe(403);
    expect((await srv.json<{ designs: unknown[] }>('GET', '/api/designs')).body.designs).toEqual([]);
  });

  it('refuses bodies a cross-site form or no-cors fetch can send (text/plain, form, multipart)', async () => {
    for (const [type, p] of [
      ['text/plain', '/api/designs'],
      ['text/plain;charset=UTF-8', '/api/builds'],
      ['application/x-www-form-urlencoded', '/api/designs'],
      ['multipart/form-data; boundary=x', '/api/uploads?name=x'],
      ['', '/api/uploads?name=x'],
    ] as const) {
      const r = await rawRequest(srv.url, {
        method: 'POST',
        path: p,
        headers: { Host: self, ...(type ? { 'Content-Type': type } : {}) },
        body: type.startsWith('multipart') || type === '' ? ELF : design,
      });
      expect(r.status, `${type} ${p}`).toBe(415);
      expect(codeOf(r)).toBe('unsupported_media_type');
    }
  });

  it('accepts its own page’s writes (same Origin), and clients that send no Origin (curl, the CLI)', async () => {
    const own = await rawRequest(srv.url, {
      method: 'POST',
      path: '/api/designs',
      headers: {
        Host: self,
        Origin: srv.url,
        'Sec-Fetch-Site': 'same-origin',
        'Content-Type': 'application/json',
      },
      body: design,
    });
    expect(own.status).toBe(201);
    const curl = await rawRequest(srv.url, {
      method: 'POST',
      path: '/api/uploads?name=probe',
      headers: { Host: self, 'Content-Type': 'application/octet-stream' },
      body: ELF,
    });
    expect(curl.status).toBe(201);
  });
});

describe('headers and odd requests', () => {
  it('sends a strict CSP, no framing, nosniff and no-referrer on pages, API answers and refusals', async () => {
    for (const [p, host] of [
      ['/', self],
      ['/api/health', self],
      ['/api/nope', self],
      ['/api/health', 'evil.example'],
    ] as const) {
      const r = await rawRequest(srv.url, { path: p, headers: { Host: host } });
      expect(r.headers['content-security-policy'], p).toBe(CONTENT_SECURITY_POLICY);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['x-frame-options']).toBe('DENY');
    }
    expect(CONTENT_SECURITY_POLICY).toMatch(/frame-ancestors 'none'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it('answers a 100 KB URL with 431 and the JSON error shape', async () => {
    const r = await rawRequest(srv.url, {
      path: `/api/designs?q=${'a'.repeat(100_000)}`,
      headers: { Host: self },
    });
    expect(r.status).toBe(431);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(codeOf(r)).toBe('headers_too_large');
    expect((await rawRequest(srv.url, { path: '/api/health', headers: { Host: self } })).status).toBe(200);
  });
});

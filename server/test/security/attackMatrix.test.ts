/**
 * The standing attack suite of issue 12, against the real server in token
 * mode: every route × odd path spellings × credential variants (only the
 * right token gets past auth), and path traversal through ids, names and
 * install paths (always refused, nothing outside the data dir served).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionValue } from '../../routes/authMiddleware.ts';
import { rawRequest } from '../helpers/rawRequest.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';

const TOKEN = 'Zq3v9LkT0pXw7RmB4nYc8HsJ2dFg6AeU';
const ID = '00000000-0000-4000-8000-000000000000';
let srv: TestServer;
let host: string;

beforeAll(async () => {
  srv = await startTestServer({ apiToken: TOKEN, maxVerifyBytes: 64 * 1024 });
  host = new URL(srv.url).host;
});
afterAll(async () => {
  await srv.stop();
});

const ROUTES: Array<[string, string]> = [
  ['GET', '/api/health'],
  ['GET', '/api/catalog'],
  ['POST', '/api/containerfile'],
  ['GET', '/api/builds'],
  ['POST', '/api/builds'],
  ['GET', `/api/builds/${ID}`],
  ['DELETE', `/api/builds/${ID}`],
  ['GET', `/api/builds/${ID}/events`],
  ['GET', `/api/builds/${ID}/image`],
  ['GET', `/api/builds/${ID}/context`],
  ['GET', `/api/builds/${ID}/sbom`],
  ['GET', `/api/builds/${ID}/signature`],
  ['POST', `/api/builds/${ID}/rebuild`],
  ['GET', `/api/builds/${ID}/compare?with=${ID}`],
  ['GET', '/api/designs'],
  ['POST', '/api/designs'],
  ['GET', '/api/designs/d_1'],
  ['PUT', '/api/designs/d_1'],
  ['DELETE', '/api/designs/d_1'],
  ['POST', '/api/designs/d_1/restore'],
  ['GET', '/api/uploads'],
  ['POST', '/api/uploads?name=x'],
  ['GET', '/api/keys'],
  ['POST', '/api/verify'],
];

/** Spellings Express may route to the same handler. */
const spell = (p: string): string[] => {
  const rest = p.slice('/api'.length);
  return [
    p,
    `/API${rest}`,
    `/Api${rest.toUpperCase()}`,
    `/%61pi${rest}`,
    `//api${rest}`,
    `/api/${rest}`,
    `/api/.${rest}`,
    `/api/%2e${rest}`,
    `/ap%69${rest}`,
  ];
};

const CREDENTIALS: Array<[string, Record<string, string>]> = [
  ['none', {}],
  ['wrong', { Authorization: 'Bearer wrong' }],
  ['prefix', { Authorization: `Bearer ${TOKEN.slice(0, -1)}` }],
  ['suffix', { Authorization: `Bearer ${TOKEN}x` }],
  ['basic', { Authorization: `Basic ${TOKEN}` }],
  ['empty bearer', { Authorization: 'Bearer ' }],
  ['forged cookie', { Cookie: 'lago_auth=forged' }],
  ['cookie of another token', { Cookie: `lago_auth=${sessionValue('another-token-0123456789abcdef')}` }],
];

describe('auth matrix (routes × spellings × credentials)', () => {
  it('lets nothing through without the token, however the path is spelled', async () => {
    let probes = 0;
    for (const [method, p] of ROUTES) {
      for (const spelled of spell(p)) {
        for (const [label, headers] of CREDENTIALS) {
          const r = await rawRequest(srv.url, {
            method,
            path: spelled,
            headers: { Host: host, Origin: srv.url, 'Content-Type': 'application/json', ...headers },
            ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }),
          });
          probes++;
          expect([401, 404], `${label} ${method} ${spelled} → ${r.status}`).toContain(r.status);
        }
      }
    }
    expect(probes).toBe(ROUTES.length * 9 * CREDENTIALS.length);
  });

  it('the cookie a bearer request earns reads (GET) but never writes', async () => {
    const r = await rawRequest(srv.url, {
      path: '/api/health',
      headers: { Host: host, Authorization: `Bearer ${TOKEN}` },
    });
    expect(r.status).toBe(200);
    const cookie = String(r.headers['set-cookie']).split(';')[0] ?? '';
    for (const [method, p] of ROUTES) {
      const res = await rawRequest(srv.url, {
        method,
        path: p,
        headers: { Host: host, Origin: srv.url, 'Content-Type': 'application/json', Cookie: cookie },
        ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }),
      });
      if (method === 'GET') expect(res.status, p).not.toBe(401);
      else expect(res.status, `${method} ${p}`).toBe(401);
    }
  });
});

describe('traversal matrix', () => {
  const auth = { Authorization: `Bearer ${TOKEN}` };
  const evil = [
    '..',
    '../..',
    '%2e%2e',
    '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '..%2f..%2fetc%2fpasswd',
    '....//....//etc',
    '%252e%252e',
    '..\\..\\etc',
    'x%00y',
  ];

  it('never serves anything for traversal ids in builds, downloads and designs', async () => {
    for (const e of evil) {
      for (const p of [
        `/api/builds/${e}`,
        `/api/builds/${e}/image`,
        `/api/builds/${e}/context`,
        `/api/builds/${e}/sbom`,
        `/api/builds/${e}/signature`,
        `/api/designs/${e}`,
        `/api/builds/${ID}/compare?with=${e}`,
      ]) {
        const r = await rawRequest(srv.url, { path: p, headers: { Host: host, ...auth } });
        expect([400, 404], `${p} → ${r.status}`).toContain(r.status);
        expect(r.body).not.toMatch(/root:x:0:0/);
      }
    }
  });

  it('refuses upload names and install paths that climb out', async () => {
    const elf = readFileSync(path.join(import.meta.dirname, '../fixtures/uploads/static-hello.elf'));
    for (const q of [
      'name=../x',
      'name=..',
      'name=a/b',
      'name=%2e%2e',
      'name=x&path=/../etc/x',
      'name=x&path=/usr/../../etc/passwd',
      'name=x&path=relative',
      'name=x&path=/usr/bin/..',
    ]) {
      const r = await rawRequest(srv.url, {
        method: 'POST',
        path: `/api/uploads?${q}`,
        headers: { Host: host, ...auth, 'Content-Type': 'application/octet-stream' },
        body: elf,
      });
      expect(r.status, q).toBe(400);
    }
  });

  it('caps POST /api/verify like uploads (LAGO_MAX_VERIFY_BYTES), answering 413', async () => {
    const boundary = 'b0undary';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="image"\r\n\r\n${'x'.repeat(100 * 1024)}\r\n--${boundary}--\r\n`;
    const r = await rawRequest(srv.url, {
      method: 'POST',
      path: '/api/verify',
      headers: { Host: host, ...auth, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(r.status).toBe(413);
    expect(r.json().error.message).toMatch(/LAGO_MAX_VERIFY_BYTES/);
  });
});

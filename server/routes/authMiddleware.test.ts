import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { errorMiddleware } from '../errors/errorMiddleware.ts';
import { assertBindAllowed, bindRefusal, isLoopbackHost } from '../http/bindPolicy.ts';
import { authMiddleware } from './authMiddleware.ts';

let server: Server | undefined;
afterEach(async () => {
  if (server) await new Promise((ok) => server?.close(ok));
  server = undefined;
});

async function serve(token: string | undefined): Promise<string> {
  const app = express();
  app.use(authMiddleware({ token }));
  app.get('/api/health', (_req, res) => {
    res.json({ ok: true });
  });
  app.post('/api/designs', (_req, res) => {
    res.status(201).json({ id: 'x' });
  });
  app.get('/', (_req, res) => {
    res.type('html').send('<!doctype html><title>page</title>');
  });
  app.use(errorMiddleware(() => undefined));
  await new Promise<void>((ok) => {
    server = app.listen(0, '127.0.0.1', () => ok());
  });
  return `http://127.0.0.1:${(server?.address() as AddressInfo).port}`;
}

describe('authMiddleware', () => {
  it('lets everything through when no token is configured', async () => {
    const base = await serve(undefined);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    expect((await fetch(`${base}/api/designs`, { method: 'POST' })).status).toBe(201);
  });

  it('requires the bearer token on every /api call, but not for the page', async () => {
    const token = 'correct-horse-battery-staple';
    const base = await serve(token);
    const none = await fetch(`${base}/api/health`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await none.json()).toEqual({
      error: { code: 'unauthorized', message: expect.stringMatching(/Bearer/) as unknown },
    });
    expect((await fetch(`${base}/api/health`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(
      401,
    );
    expect(
      (await fetch(`${base}/api/health`, { headers: { Authorization: `Bearer ${token}x` } })).status,
    ).toBe(401);
    expect((await fetch(`${base}/api/health`, { headers: { Authorization: `Basic ${token}` } })).status).toBe(
      401,
    );
    expect(
      (await fetch(`${base}/api/health`, { headers: { Authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
    for (const spelling of [
      '/API/health',
      '/Api/Health',
      '/%61pi/health',
      '/api/health/',
      '//api/health',
      '/api//health',
    ]) {
      expect((await fetch(`${base}${spelling}`)).status, spelling).not.toBe(200);
    }
    expect((await fetch(`${base}/api/designs`, { method: 'POST' })).status).toBe(401);
    expect(
      (await fetch(`${base}/api/designs`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(201);
    expect((await fetch(`${base}/`)).status).toBe(200);
  });

  it('accepts ?access_token= on GET (EventSource, downloads) but not on writes', async () => {
    const token = 'abc123';
    const base = await serve(token);
    expect((await fetch(`${base}/api/health?access_token=${token}`)).status).toBe(200);
    expect((await fetch(`${base}/api/health?access_token=nope`)).status).toBe(401);
    expect((await fetch(`${base}/api/designs?access_token=${token}`, { method: 'POST' })).status).toBe(401);
  });
});

describe('binding', () => {
  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '', '192.168.1.10', '10.0.0.1', 'example.com', '128.0.0.1'])
      expect(isLoopbackHost(h)).toBe(false);
  });

  it('refuses a non-loopback bind without LAGO_API_TOKEN, saying why', () => {
    expect(bindRefusal({ host: '127.0.0.1', token: undefined })).toBeUndefined();
    expect(bindRefusal({ host: '0.0.0.0', token: 'a-long-random-test-token-0123456789' })).toBeUndefined();
    expect(bindRefusal({ host: '0.0.0.0', token: '' })).toMatch(
      /^refusing to listen on 0\.0\.0\.0 without LAGO_API_TOKEN: /,
    );
    expect(() => assertBindAllowed({ host: '::', token: undefined })).toThrow(
      /without LAGO_API_TOKEN.*Bearer/,
    );
    expect(() => assertBindAllowed({ host: 'localhost', token: undefined })).not.toThrow();
  });
});

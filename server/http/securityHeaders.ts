/**
 * Headers on every answer: a strict Content-Security-Policy (scripts and
 * styles only from this server, no inline script, no framing), no MIME
 * sniffing, no Referer (URLs never leave the page), and resources that only
 * this origin may embed or read.
 */
import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import { cookieValue } from './cookies.ts';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A random per-tab-load id, so SSE limits can tell viewers behind one proxy apart. */
export const SESSION_COOKIE = 'lago_session';

export function securityHeaders(): RequestHandler {
  return (req, res, next) => {
    res.set({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    if (
      req.method === 'GET' &&
      !req.path.startsWith('/api') &&
      cookieValue(req, SESSION_COOKIE) === undefined
    ) {
      res.append(
        'Set-Cookie',
        `${SESSION_COOKIE}=${randomBytes(18).toString('base64url')}; Path=/; HttpOnly; SameSite=Strict`,
      );
    }
    next();
  };
}

/**
 * Where the server may listen, and with what token: anything but loopback
 * exposes builds (which run code) to the network, so it needs a strong
 * `LAGO_API_TOKEN`.
 */
import { isIP } from 'node:net';

/** Fewest characters, and fewest distinct ones, a token for a non-loopback bind must have. */
export const MIN_TOKEN_CHARS = 32;
const MIN_DISTINCT_CHARS = 10;

/** Why `token` is too weak to guard a network-facing server, or undefined when it is fine. */
export function tokenWeakness(token: string): string | undefined {
  if (/\s/.test(token)) return 'it contains white space (a copy-paste slip?)';
  if (token.length < MIN_TOKEN_CHARS)
    return `it has ${token.length} characters; at least ${MIN_TOKEN_CHARS} are required`;
  if (new Set(token).size < MIN_DISTINCT_CHARS) return 'it repeats too few different characters to be random';
  return undefined;
}

/** 127.0.0.0/8, ::1, localhost (and the IPv4-mapped forms). */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/**
 * Why the server must not start on `host` with this token, or undefined when
 * it may. Anything but loopback exposes builds (which run code) to the
 * network, so it needs `LAGO_API_TOKEN`.
 */
export function bindRefusal(opts: { host: string; token: string | undefined }): string | undefined {
  if (isLoopbackHost(opts.host)) return undefined;
  const shown = opts.host === '' ? '(all interfaces)' : opts.host;
  if (opts.token !== undefined && opts.token.length > 0) {
    const weak = tokenWeakness(opts.token);
    if (weak === undefined) return undefined;
    return (
      `refusing to listen on ${shown} with this LAGO_API_TOKEN: ${weak}. Anyone who can reach this address could guess it ` +
      'and run builds on this machine. Use a long random secret, e.g. `export LAGO_API_TOKEN=$(openssl rand -hex 32)`.'
    );
  }
  return (
    `refusing to listen on ${shown} without LAGO_API_TOKEN: anyone who can reach this address could run builds on this machine. ` +
    'Set LAGO_API_TOKEN to a long random secret (e.g. `export LAGO_API_TOKEN=$(openssl rand -hex 32)`) and send it as ' +
    '`Authorization: Bearer <token>`, or bind to 127.0.0.1 (HOST=127.0.0.1, the default).'
  );
}

/** Throws an Error with {@link bindRefusal}'s message when the bind is not allowed. */
export function assertBindAllowed(opts: { host: string; token: string | undefined }): void {
  const why = bindRefusal(opts);
  if (why !== undefined) throw new Error(why);
}

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Design } from './types.ts';

/**
 * JSON with object keys sorted (by UTF-16 code units) and no whitespace, so that
 * equal values always give equal text. `undefined` object members are omitted,
 * as `JSON.stringify` does; non-finite numbers become `null`.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const members = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`);
  return `{${members.join(',')}}`;
}

/** Hex SHA-256 of {@link canonicalJson}(design): the design's identity, written as an image label. */
export function designSha256(design: Design): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(design))));
}

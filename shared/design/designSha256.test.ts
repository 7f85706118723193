import { describe, expect, it } from 'vitest';
import { canonicalJson, designSha256 } from './designSha256.ts';
import { TEMPLATES } from './templates.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace and undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson([undefined, null, 'é\n'])).toBe('[null,null,"é\\n"]');
  });
});

describe('designSha256', () => {
  it('is the hex SHA-256 of the canonical JSON', () => {
    // sha256("{}") — a well-known value, checked independently of @noble/hashes.
    expect(designSha256({} as never)).toBe(
      '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
    );
  });

  it('ignores key order but not content', () => {
    const d = TEMPLATES[0]!.design;
    const reordered = Object.fromEntries(Object.entries(d).reverse()) as typeof d;
    expect(Object.keys(reordered)).not.toEqual(Object.keys(d));
    expect(designSha256(reordered)).toBe(designSha256(d));
    expect(designSha256({ ...d, tag: '0.1.1' })).not.toBe(designSha256(d));
    expect(designSha256(d)).toMatch(/^[0-9a-f]{64}$/);
  });
});

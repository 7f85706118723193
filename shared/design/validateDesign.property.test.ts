import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charString, designArb } from '../testing/arbitraries.ts';
import { fcParams } from '../testing/fcParams.ts';
import type { Design } from './types.ts';
import { NEWLINE_OR_NUL_RE } from './schema.ts';
import { parseDesignText, validateDesign } from './validateDesign.ts';

const safeText = fc.string({ unit: 'binary', maxLength: 20 }).filter((s) => !NEWLINE_OR_NUL_RE.test(s));

/** Designs whose free-text fields hold any Unicode (minus what the schema forbids). */
const unicodeDesignArb: fc.Arbitrary<Design> = fc
  .record({
    design: designArb,
    entrypoint: fc.array(safeText, { maxLength: 3 }),
    cmd: fc.array(safeText, { maxLength: 3 }),
    env: fc.dictionary(
      fc.tuple(charString('aZ_', 1, 1), charString('aZ09_.-', 0, 6)).map(([a, b]) => a + b),
      safeText,
      { maxKeys: 3 },
    ),
    labels: fc.dictionary(
      fc.tuple(charString('a0', 1, 1), charString('az09./-', 0, 10)).map(([a, b]) => a + b),
      safeText,
      { maxKeys: 3 },
    ),
  })
  .map(({ design, entrypoint, cmd, env, labels }) => ({
    ...design,
    config: { ...design.config, entrypoint, cmd, env, labels },
  }));

describe('design round trip (seeded; replay with FC_SEED=<seed>)', () => {
  it('JSON → validateDesign gives back the same design', () => {
    fc.assert(
      fc.property(fc.oneof(designArb, unicodeDesignArb), (design) => {
        const text = JSON.stringify(design);
        expect(validateDesign(JSON.parse(text))).toEqual({ ok: true, design });
        expect(parseDesignText(text)).toEqual({ ok: true, design });
      }),
      fcParams(300),
    );
  });

  it('never throws on arbitrary JSON input, and every issue has a path and a message', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const r = validateDesign(value);
        if (!r.ok) {
          expect(r.issues.length).toBeGreaterThan(0);
          for (const i of r.issues) expect(i.message.length).toBeGreaterThan(0);
        }
      }),
      fcParams(300),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { staticCatalogItems } from '../catalog/staticCatalogItems.ts';
import type { Design } from '../design/types.ts';
import { ValidationError } from '../design/validationIssue.ts';
import { designArb } from '../testing/arbitraries.ts';
import { fcParams } from '../testing/fcParams.ts';
import { generateContainerfile } from './generateContainerfile.ts';

const INSTRUCTION_RE = /^(?:#|FROM |COPY |LABEL |USER |WORKDIR |ENV |ENTRYPOINT |CMD )/;

/** Strings built from the pieces an attacker would use, plus arbitrary Unicode. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc
    .array(
      fc.constantFrom(
        '\n',
        '\r',
        '\0',
        '\r\n',
        '"',
        "'",
        '\\',
        '$',
        '${A}',
        '#',
        ' ',
        '\t',
        '=',
        '`',
        '[',
        ']',
        '\u2028',
        '\u2029',
        '\u0085',
        '\u000b',
        '\u000c',
        'RUN rm -rf /',
        'FROM evil',
        '# escape=`',
        'a',
        'é',
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join('')),
);

/** A design with one attacker-controlled string placed in one field. */
const attackedArb: fc.Arbitrary<Design> = fc
  .record({
    design: designArb,
    value: nasty,
    field: fc.constantFrom(
      'name',
      'tag',
      'layerName',
      'user',
      'workdir',
      'envKey',
      'envValue',
      'labelKey',
      'labelValue',
      'entrypoint',
      'cmd',
      'component',
      'plannedName',
    ),
  })
  .map(({ design, value, field }): Design => {
    const c = design.config;
    const layers = design.layers.map((l, i) =>
      i === 0 && field === 'layerName' ? { ...l, name: value } : l,
    );
    switch (field) {
      case 'name':
      case 'tag':
        return { ...design, [field]: value };
      case 'layerName':
        return { ...design, layers };
      case 'user':
      case 'workdir':
        return { ...design, config: { ...c, [field]: value } };
      case 'envKey':
        return { ...design, config: { ...c, env: { ...c.env, [value]: 'v' } } };
      case 'envValue':
        return { ...design, config: { ...c, env: { ...c.env, X: value } } };
      case 'labelKey':
        return { ...design, config: { ...c, labels: { [value]: 'v' } } };
      case 'labelValue':
        return { ...design, config: { ...c, labels: { 'com.example.x': value } } };
      case 'entrypoint':
        return { ...design, config: { ...c, entrypoint: ['/bin/x', value] } };
      case 'cmd':
        return { ...design, config: { ...c, cmd: [value] } };
      case 'component':
        return {
          ...design,
          layers: design.layers.map((l, i) => (i === 0 ? { ...l, components: [...l.components, value] } : l)),
        };
      default:
        return { ...design, planned: [{ id: 'planned:x', name: value, estimatedBytes: 1 }] };
    }
  });

/** Reads back a `quoteWord` value the way the Dockerfile word lexer does. */
function unquote(word: string): string {
  expect(word.startsWith('"') && word.endsWith('"')).toBe(true);
  const inner = word.slice(1, -1);
  // Every ", $ and \ inside must be escaped.
  expect(inner.replace(/\\[\\"$]/g, '')).not.toMatch(/[\\"$]/);
  return inner.replace(/\\([\\"$])/g, '$1');
}

function expectedLineCount(d: Design): number {
  const oci = [
    'org.opencontainers.image.title',
    'org.opencontainers.image.version',
    'org.opencontainers.image.description',
  ];
  const extraLabels = Object.keys(d.config.labels).filter((k) => !oci.includes(k)).length;
  return (
    2 + // header, FROM
    2 * d.layers.length + // comment + COPY per layer
    4 +
    extraLabels + // OCI labels + design hash + user labels
    2 + // USER, WORKDIR
    Object.keys(d.config.env).length +
    (d.config.entrypoint.length > 0 ? 1 : 0) +
    (d.config.cmd.length > 0 ? 1 : 0)
  );
}

describe('Containerfile injection properties (seeded; replay with FC_SEED=<seed>)', () => {
  it('no string in any field adds a line or an instruction, and every value reads back exactly', () => {
    let generated = 0;
    fc.assert(
      fc.property(attackedArb, (design) => {
        let text: string;
        try {
          text = generateContainerfile(design, staticCatalogItems());
        } catch (e) {
          expect(e).toBeInstanceOf(ValidationError);
          return;
        }
        generated += 1;
        expect(text.endsWith('\n')).toBe(true);
        const lines = text.slice(0, -1).split('\n');
        expect(lines).toHaveLength(expectedLineCount(design));
        for (const line of lines) {
          expect(line).toMatch(INSTRUCTION_RE);
          expect(line).not.toMatch(/[\r\0\u0085\u2028\u2029]/);
          if (!line.startsWith('#')) expect(line.endsWith('\\')).toBe(false);
        }
        const comments = lines.filter((l) => l.startsWith('#'));
        expect(comments).toHaveLength(1 + design.layers.length);
        for (const c of comments) expect(c).not.toMatch(/[\p{Cc}]/u);
        const env = lines.filter((l) => l.startsWith('ENV '));
        expect(env.map((l) => l.slice(4, l.indexOf('=')))).toEqual(Object.keys(design.config.env).sort());
        for (const l of env) {
          const key = l.slice(4, l.indexOf('='));
          expect(unquote(l.slice(l.indexOf('=') + 1))).toBe(design.config.env[key]);
        }
        for (const l of lines.filter((x) => x.startsWith('LABEL '))) {
          const m = /^LABEL ("(?:[^"\\]|\\.)*")=("(?:[^"\\]|\\.)*")$/.exec(l);
          expect(m).not.toBeNull();
          const key = unquote(m![1]!);
          if (key in design.config.labels) expect(unquote(m![2]!)).toBe(design.config.labels[key]);
        }
        const ep = lines.find((l) => l.startsWith('ENTRYPOINT '));
        if (ep) expect(JSON.parse(ep.slice(11))).toEqual(design.config.entrypoint);
        const cmd = lines.find((l) => l.startsWith('CMD '));
        if (cmd) expect(JSON.parse(cmd.slice(4))).toEqual(design.config.cmd);
      }),
      fcParams(500),
    );
    // The property must not pass by rejecting everything.
    expect(generated).toBeGreaterThan(100);
  });
});

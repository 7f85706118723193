import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { staticCatalogItems } from '../catalog/staticCatalogItems.ts';
import { designSha256 } from '../design/designSha256.ts';
import { emptyDesign } from '../design/emptyDesign.ts';
import { TEMPLATES } from '../design/templates.ts';
import type { Design } from '../design/types.ts';
import { ValidationError } from '../design/validationIssue.ts';
import { itemsWith, measuredItem } from '../testing/measuredItem.ts';
import { CONTAINERFILE_HEADER, generateContainerfile } from './generateContainerfile.ts';

const goldenUrl = (id: string) => new URL(`./__golden__/${id}.Containerfile`, import.meta.url);

describe('generateContainerfile goldens (UPDATE_GOLDEN=1 rewrites them)', () => {
  it.each(TEMPLATES.map((t) => [t.id, t.design] as const))('%s matches byte for byte', (id, design) => {
    const text = generateContainerfile(design, staticCatalogItems());
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(goldenUrl(id), text);
    expect(text).toBe(readFileSync(goldenUrl(id), 'utf8'));
  });
});

describe('generateContainerfile', () => {
  const seed = (): Design => structuredClone(TEMPLATES[0]!.design);

  it('starts with a fixed comment (so no parser directive can follow) and FROM scratch', () => {
    const lines = generateContainerfile(seed(), staticCatalogItems()).split('\n');
    expect(lines[0]).toBe(CONTAINERFILE_HEADER);
    expect(lines[1]).toBe('FROM scratch');
  });

  it('is deterministic and independent of env/label key order', () => {
    const a: Design = {
      ...seed(),
      config: { ...seed().config, env: { B: '2', A: '1' }, labels: { z: '1', a: '2' } },
    };
    const b: Design = {
      ...seed(),
      config: { ...seed().config, env: { A: '1', B: '2' }, labels: { a: '2', z: '1' } },
    };
    expect(generateContainerfile(a, staticCatalogItems())).toBe(
      generateContainerfile(b, staticCatalogItems()),
    );
    expect(generateContainerfile(a, staticCatalogItems())).toContain('ENV A="1"\nENV B="2"\n');
  });

  it('writes one COPY per layer, including empty layers, with unique dirs for colliding slugs', () => {
    const d: Design = {
      ...emptyDesign(),
      layers: [
        { name: 'Base', components: ['lago-grey-base'] },
        { name: 'base!', components: [] },
      ],
    };
    const text = generateContainerfile(d, staticCatalogItems());
    expect(text).toContain('# layer 00 "Base": lago-grey-base (~2 KB)\nCOPY layers/00-base/ /\n');
    expect(text).toContain('# layer 01 "base!": (empty)\nCOPY layers/01-base/ /\n');
  });

  it('shows measured sizes without "~" and marks planned and unknown components', () => {
    const hello = measuredItem('hello', [{ path: '/usr/bin/hello', bytes: 9_120 }]);
    const upload = `upload:sha256:${'c'.repeat(64)}`;
    const d: Design = {
      ...emptyDesign(),
      planned: [{ id: 'planned:api', name: 'API', estimatedBytes: 3_000_000 }],
      layers: [{ name: 'app', components: ['hello', 'planned:api', upload] }],
    };
    expect(generateContainerfile(d, itemsWith(hello))).toContain(
      `# layer 00 "app": hello (9.12 KB), planned:api (~3 MB, planned), ${upload} (unknown size)\n`,
    );
  });

  it('labels the design hash, and user labels override the OCI defaults', () => {
    const d: Design = {
      ...seed(),
      config: { ...seed().config, labels: { 'org.opencontainers.image.description': 'mine' } },
    };
    const text = generateContainerfile(d, staticCatalogItems());
    expect(text).toContain('LABEL "org.opencontainers.image.description"="mine"\n');
    expect(text).toContain(`LABEL "org.lago-grey.design.sha256"="${designSha256(d)}"\n`);
    expect(text.match(/description/g)).toHaveLength(1);
  });

  it('omits ENTRYPOINT and CMD when empty', () => {
    const text = generateContainerfile(emptyDesign(), []);
    expect(text).not.toMatch(/ENTRYPOINT|CMD/);
    expect(text.endsWith('WORKDIR /\n')).toBe(true);
    expect(text).toContain('Lago Grey Designer: 1 layer, 0 components"\n');
  });

  it('escapes values so they cannot start a new instruction', () => {
    const d: Design = {
      ...seed(),
      layers: [{ name: 'x" \\ # RUN rm -rf /', components: ['hello'] }],
      config: {
        ...seed().config,
        entrypoint: ['/usr/bin/hello', '"]\nRUN x'.replace('\n', ' ')],
        env: { A: 'v" \\ $HOME' },
        labels: { 'com.example.note': '"\nRUN x'.replace('\n', '') },
      },
    };
    const text = generateContainerfile(d, staticCatalogItems());
    expect(text).toContain('# layer 00 "x\\" \\\\ # RUN rm -rf /": hello (~29 KB)\n');
    expect(text).toContain('ENV A="v\\" \\\\ \\$HOME"\n');
    expect(text).toContain('LABEL "com.example.note"="\\"RUN x"\n');
    expect(text).toContain('ENTRYPOINT ["/usr/bin/hello","\\"] RUN x"]\n');
    expect(text.split('\n').filter((l) => /^RUN/.test(l))).toEqual([]);
  });

  it('throws a ValidationError for a design that could not be written safely', () => {
    const bad = { ...seed(), config: { ...seed().config, env: { A: 'x\nRUN rm -rf /' } } };
    expect(() => generateContainerfile(bad, staticCatalogItems())).toThrow(ValidationError);
    const badName = { ...seed(), layers: [{ name: 'a\nRUN x', components: [] }] };
    expect(() => generateContainerfile(badName, staticCatalogItems())).toThrow(/layers\[0\].name/);
  });

  it('accepts any syntactically valid component ref (the server checks availability)', () => {
    const d: Design = { ...emptyDesign(), layers: [{ name: 'a', components: ['not-in-catalog'] }] };
    expect(generateContainerfile(d, [])).toContain('not-in-catalog (unknown size)');
  });
});

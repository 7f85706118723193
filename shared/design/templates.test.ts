import { describe, expect, it } from 'vitest';
import { computeBudget } from '../budget/computeBudget.ts';
import { staticCatalogItems } from '../catalog/staticCatalogItems.ts';
import { emptyDesign } from './emptyDesign.ts';
import { TEMPLATES } from './templates.ts';
import { validateDesign } from './validateDesign.ts';

describe('templates', () => {
  it('has the three ids and names of the shared API, all valid', () => {
    expect(TEMPLATES.map((t) => [t.id, t.name])).toEqual([
      ['seed-minimal', 'Lago Grey minimal (seed)'],
      ['static-nonroot', 'Static app on nonroot'],
      ['debug-busybox', 'Debug with busybox'],
    ]);
    for (const t of TEMPLATES) expect(validateDesign(t.design)).toEqual({ ok: true, design: t.design });
  });

  it("seed-minimal is the seed's plan and fits the 17.5 MB target", () => {
    const seed = TEMPLATES[0]!.design;
    expect(seed.layers.flatMap((l) => l.components).sort()).toEqual(
      ['hello', 'lago-grey-base', 'libargon2', 'liboqs', 'libsodium', 'obli-pkg'].sort(),
    );
    expect(seed.config.entrypoint).toEqual(['/usr/bin/hello']);
    const budget = computeBudget(seed, staticCatalogItems());
    expect(budget.totalBytes).toBe(11_635_000);
    expect(budget.overBudget).toBe(false);
  });
});

describe('emptyDesign', () => {
  it('is valid, with one empty base layer and the defaults of the shared API', () => {
    const d = emptyDesign();
    expect(validateDesign(d).ok).toBe(true);
    expect(d).toEqual({
      schemaVersion: 1,
      name: 'lago-grey',
      tag: 'latest',
      targetBytes: 17_500_000,
      layers: [{ name: 'base', components: [] }],
      config: { entrypoint: [], cmd: [], user: '65532:65532', workdir: '/', env: {}, labels: {} },
    });
    expect(emptyDesign()).not.toBe(d);
  });
});

import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../testing/fcParams.ts';
import { applyEdit, type DesignAction, type EditResult } from './applyEdit.ts';
import { emptyDesign } from './emptyDesign.ts';
import { TEMPLATES } from './templates.ts';
import type { Design } from './types.ts';

/** The seed template, deep-frozen: any mutation by applyEdit would throw. */
function seed(): Design {
  return deepFreeze(structuredClone(TEMPLATES[0]!.design));
}

function ok(r: EditResult): Design {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.design;
}

function err(r: EditResult): { code: string; message: string } {
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

const comps = (d: Design) => d.layers.map((l) => l.components);

describe('applyEdit: components', () => {
  it('adds a component at an index, sharing untouched layers', () => {
    const d = seed();
    const next = ok(
      applyEdit(d, { type: 'addComponent', layerIndex: 0, index: 1, componentId: 'ca-certificates' }),
    );
    expect(next.layers[0]?.components).toEqual(['lago-grey-base', 'ca-certificates']);
    expect(next.layers[1]).toBe(d.layers[1]);
    expect(d.layers[0]?.components).toEqual(['lago-grey-base']);
  });

  it('refuses duplicates, unknown ids and out-of-range indexes', () => {
    const d = seed();
    expect(
      err(applyEdit(d, { type: 'addComponent', layerIndex: 0, index: 0, componentId: 'hello' })),
    ).toEqual({
      code: 'duplicate-component',
      message: '"hello" is already in layer "apps"',
    });
    expect(
      err(applyEdit(d, { type: 'addComponent', layerIndex: 0, index: 0, componentId: 'libfoo' })),
    ).toEqual({
      code: 'unknown-component',
      message: 'layers[0].components[0]: unknown component "libfoo"',
    });
    expect(
      err(applyEdit(d, { type: 'addComponent', layerIndex: 3, index: 0, componentId: 'tzdata' })).code,
    ).toBe('out-of-range');
    expect(
      err(applyEdit(d, { type: 'addComponent', layerIndex: 0, index: 2, componentId: 'tzdata' })).code,
    ).toBe('out-of-range');
    expect(
      err(applyEdit(d, { type: 'addComponent', layerIndex: 0, index: 0.5, componentId: 'tzdata' })).code,
    ).toBe('out-of-range');
  });

  it('moves a component within a layer with arrayMove semantics', () => {
    const next = ok(
      applyEdit(seed(), {
        type: 'moveComponent',
        from: { layerIndex: 1, index: 0 },
        to: { layerIndex: 1, index: 2 },
      }),
    );
    expect(next.layers[1]?.components).toEqual(['libargon2', 'liboqs', 'libsodium']);
  });

  it('moves a component into another layer, appending at its length', () => {
    const next = ok(
      applyEdit(seed(), {
        type: 'moveComponent',
        from: { layerIndex: 2, index: 1 },
        to: { layerIndex: 0, index: 1 },
      }),
    );
    expect(comps(next)).toEqual([
      ['lago-grey-base', 'obli-pkg'],
      ['libsodium', 'libargon2', 'liboqs'],
      ['hello'],
    ]);
  });

  it('refuses moves from or to nowhere', () => {
    const d = seed();
    const move = (from: [number, number], to: [number, number]): DesignAction => ({
      type: 'moveComponent',
      from: { layerIndex: from[0], index: from[1] },
      to: { layerIndex: to[0], index: to[1] },
    });
    expect(err(applyEdit(d, move([0, 1], [0, 0]))).code).toBe('out-of-range');
    expect(err(applyEdit(d, move([1, 0], [1, 3]))).code).toBe('out-of-range');
    expect(err(applyEdit(d, move([1, 0], [0, 2]))).code).toBe('out-of-range');
    expect(err(applyEdit(d, move([1, 0], [5, 0]))).code).toBe('out-of-range');
  });

  it('removes a component', () => {
    const next = ok(applyEdit(seed(), { type: 'removeComponent', layerIndex: 1, index: 2 }));
    expect(next.layers[1]?.components).toEqual(['libsodium', 'libargon2']);
    expect(err(applyEdit(seed(), { type: 'removeComponent', layerIndex: 0, index: 1 })).code).toBe(
      'out-of-range',
    );
  });
});

describe('applyEdit: layers', () => {
  it('adds a layer at an index, with optional components', () => {
    const next = ok(applyEdit(seed(), { type: 'addLayer', index: 1, name: 'data', components: ['tzdata'] }));
    expect(next.layers.map((l) => l.name)).toEqual(['base', 'data', 'crypto', 'apps']);
    expect(next.layers[1]?.components).toEqual(['tzdata']);
    expect(
      err(applyEdit(seed(), { type: 'addLayer', index: 1, name: 'x', components: ['hello'] })).code,
    ).toBe('duplicate-component');
    expect(err(applyEdit(seed(), { type: 'addLayer', index: 4, name: 'x' })).code).toBe('out-of-range');
    expect(err(applyEdit(seed(), { type: 'addLayer', index: 0, name: 'bad\nname' })).message).toBe(
      'layers[0].name: layer name must not contain control characters',
    );
  });

  it('refuses a 65th layer', () => {
    let d = emptyDesign();
    for (let i = 1; i < 64; i++) d = ok(applyEdit(d, { type: 'addLayer', index: i, name: `l${i}` }));
    expect(d.layers).toHaveLength(64);
    expect(err(applyEdit(d, { type: 'addLayer', index: 0, name: 'one too many' }))).toEqual({
      code: 'too-many-layers',
      message: 'a design may have at most 64 layers',
    });
  });

  it('renames a layer and validates the name', () => {
    expect(
      ok(applyEdit(seed(), { type: 'renameLayer', layerIndex: 2, name: 'Apps ✨' })).layers[2]?.name,
    ).toBe('Apps ✨');
    expect(err(applyEdit(seed(), { type: 'renameLayer', layerIndex: 2, name: '' })).code).toBe('invalid');
    expect(err(applyEdit(seed(), { type: 'renameLayer', layerIndex: 9, name: 'x' })).code).toBe(
      'out-of-range',
    );
  });

  it('moves a layer with arrayMove semantics', () => {
    const next = ok(applyEdit(seed(), { type: 'moveLayer', from: 0, to: 2 }));
    expect(next.layers.map((l) => l.name)).toEqual(['crypto', 'apps', 'base']);
    expect(err(applyEdit(seed(), { type: 'moveLayer', from: 0, to: 3 })).code).toBe('out-of-range');
  });

  it('removes a layer but never the last one', () => {
    const next = ok(applyEdit(seed(), { type: 'removeLayer', layerIndex: 1 }));
    expect(next.layers.map((l) => l.name)).toEqual(['base', 'apps']);
    expect(err(applyEdit(emptyDesign(), { type: 'removeLayer', layerIndex: 0 })).code).toBe('last-layer');
  });
});

describe('applyEdit: config, target, meta, planned, replace', () => {
  it('patches config fields and copies the caller’s arrays', () => {
    const entrypoint = ['/usr/bin/obli-pkg', 'list'];
    const next = ok(
      applyEdit(seed(), { type: 'setConfig', patch: { entrypoint, user: 'nonroot', env: { TZ: 'UTC' } } }),
    );
    entrypoint.push('mutated');
    expect(next.config).toMatchObject({
      entrypoint: ['/usr/bin/obli-pkg', 'list'],
      user: 'nonroot',
      env: { TZ: 'UTC' },
    });
    expect(next.config.workdir).toBe('/');
    expect(err(applyEdit(seed(), { type: 'setConfig', patch: { user: 'a:b' } })).message).toMatch(
      /^config.user: /,
    );
    expect(err(applyEdit(seed(), { type: 'setConfig', patch: { env: { A: 'x\ny' } } })).message).toMatch(
      /^config.env.A: /,
    );
    const junk = { entrypoint: '/bin/sh' } as unknown as { entrypoint: string[] };
    expect(err(applyEdit(seed(), { type: 'setConfig', patch: junk })).message).toMatch(
      /^config.entrypoint: /,
    );
  });

  it('sets the target and the name/tag, validating them', () => {
    expect(ok(applyEdit(seed(), { type: 'setTarget', targetBytes: 20_000_000 })).targetBytes).toBe(
      20_000_000,
    );
    expect(err(applyEdit(seed(), { type: 'setTarget', targetBytes: -1 })).message).toMatch(/^targetBytes: /);
    expect(ok(applyEdit(seed(), { type: 'setMeta', tag: '1.0.0' }))).toMatchObject({
      name: 'lago-grey-minimal',
      tag: '1.0.0',
    });
    expect(err(applyEdit(seed(), { type: 'setMeta', name: 'Bad Name' })).message).toMatch(/^name: /);
  });

  it('adds and removes planned placeholders, removing their references too', () => {
    const planned = { id: 'planned:my-api', name: 'My API', estimatedBytes: 4_000_000 };
    let d = ok(applyEdit(seed(), { type: 'addPlanned', planned }));
    expect(err(applyEdit(d, { type: 'addPlanned', planned })).code).toBe('duplicate-planned');
    d = ok(applyEdit(d, { type: 'addComponent', layerIndex: 2, index: 2, componentId: 'planned:my-api' }));
    expect(d.layers[2]?.components).toContain('planned:my-api');
    d = ok(applyEdit(d, { type: 'removePlanned', id: 'planned:my-api' }));
    expect(d.layers[2]?.components).toEqual(['hello', 'obli-pkg']);
    expect(d).not.toHaveProperty('planned');
    expect(err(applyEdit(d, { type: 'removePlanned', id: 'planned:my-api' })).code).toBe('not-found');
    expect(
      err(applyEdit(d, { type: 'addComponent', layerIndex: 0, index: 0, componentId: 'planned:nope' })).code,
    ).toBe('unknown-component');
  });

  it('replaces the whole design after validating it (unknown keys stripped)', () => {
    const other = { ...structuredClone(TEMPLATES[1]!.design), junk: true };
    const next = ok(applyEdit(seed(), { type: 'replace', design: other }));
    expect(next).toEqual(TEMPLATES[1]!.design);
    expect(err(applyEdit(seed(), { type: 'replace', design: { ...other, layers: [] } })).message).toBe(
      'layers: a design needs at least one layer',
    );
  });

  it('accepts a custom validation context (e.g. the server’s uploads)', () => {
    const d = seed();
    const upload = `upload:sha256:${'0'.repeat(64)}`;
    const add: DesignAction = { type: 'addComponent', layerIndex: 2, index: 0, componentId: upload };
    expect(applyEdit(d, add).ok).toBe(true);
    expect(err(applyEdit(d, add, { isKnownComponent: (ref) => !ref.startsWith('upload:') })).code).toBe(
      'unknown-component',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { staticCatalogItems } from '../catalog/staticCatalogItems.ts';
import type { CatalogItem } from '../catalog/types.ts';
import { applyEdit } from '../design/applyEdit.ts';
import { emptyDesign } from '../design/emptyDesign.ts';
import { TEMPLATES } from '../design/templates.ts';
import type { Design } from '../design/types.ts';
import { itemsWith, measuredItem } from '../testing/measuredItem.ts';
import { analyzeDesign, type Finding } from './analyzeDesign.ts';

const items = staticCatalogItems();
const codes = (fs: Finding[]) => fs.map((f) => f.code);
const seed = (): Design => structuredClone(TEMPLATES[0]!.design);
const withLayers = (layers: string[][], config: Partial<Design['config']> = {}): Design => ({
  ...emptyDesign(),
  layers: layers.map((components, i) => ({ name: `l${i}`, components })),
  config: { ...emptyDesign().config, entrypoint: ['/usr/bin/hello'], ...config },
});
const find = (fs: Finding[], code: string) => {
  const f = fs.find((x) => x.code === code);
  if (!f) throw new Error(`no ${code} in ${codes(fs).join(', ')}`);
  return f;
};

/** Applies a finding's fix and returns the new design. */
function applyFix(design: Design, f: Finding): Design {
  if (!f.fix) throw new Error(`${f.code} has no fix`);
  const r = applyEdit(design, f.fix.action);
  if (!r.ok) throw new Error(r.error.message);
  return r.design;
}

describe('analyzeDesign', () => {
  it('finds nothing wrong with the seed design', () => {
    expect(analyzeDesign(seed(), items)).toEqual([]);
  });

  it('reports over budget by how much, with no fix', () => {
    const f = find(analyzeDesign({ ...seed(), targetBytes: 10_000_000 }, items), 'over-budget');
    expect(f).toEqual({
      severity: 'error',
      code: 'over-budget',
      message:
        'Over budget by 1.64 MB (estimated): 11.6 MB against a 10 MB target. Remove or replace the largest components, or raise the target.',
    });
  });

  it('reports an entrypoint nothing installs, and offers the component that does', () => {
    const d = withLayers([['lago-grey-base'], ['libsodium']]);
    const f = find(analyzeDesign(d, items), 'entrypoint-missing');
    expect(f.severity).toBe('error');
    expect(f.fix).toEqual({
      label: 'Add hello',
      action: { type: 'addComponent', layerIndex: 1, index: 1, componentId: 'hello' },
    });
    expect(codes(analyzeDesign(applyFix(d, f), items))).not.toContain('entrypoint-missing');
    const none = find(
      analyzeDesign(withLayers([['hello']], { entrypoint: ['/opt/nothing'] }), items),
      'entrypoint-missing',
    );
    expect(none.fix).toBeUndefined();
    expect(
      find(analyzeDesign(withLayers([['hello']], { entrypoint: [] }), items), 'entrypoint-missing').severity,
    ).toBe('warning');
    // A program inside a declared directory, and a relative program matched to a binary's name.
    expect(
      codes(
        analyzeDesign(
          withLayers([['lago-grey-base', 'tzdata']], { entrypoint: ['/usr/share/zoneinfo/UTC'] }),
          items,
        ),
      ),
    ).not.toContain('entrypoint-missing');
    expect(
      codes(
        analyzeDesign(withLayers([['lago-grey-base', 'hello']], { entrypoint: [], cmd: ['hello'] }), items),
      ),
    ).not.toContain('entrypoint-missing');
  });

  it('offers lago-grey-base for a nonroot user without it (error for a named user)', () => {
    const d = withLayers([['hello']]);
    const f = find(analyzeDesign(d, items), 'nonroot-without-base');
    expect(f.severity).toBe('warning');
    expect(f.fix).toEqual({
      label: 'Add lago-grey-base',
      action: { type: 'addComponent', layerIndex: 0, index: 0, componentId: 'lago-grey-base' },
    });
    expect(applyFix(d, f).layers[0]?.components).toEqual(['lago-grey-base', 'hello']);
    expect(
      find(analyzeDesign(withLayers([['hello']], { user: 'nonroot' }), items), 'nonroot-without-base')
        .severity,
    ).toBe('error');
    for (const user of ['root', '0', '0:0']) {
      expect(codes(analyzeDesign(withLayers([['hello']], { user }), items))).not.toContain(
        'nonroot-without-base',
      );
    }
  });

  it('adds ca-certificates to the layer holding lago-grey-base, else the bottom layer', () => {
    const d = withLayers([['hello'], ['lago-grey-base', 'libsodium'], ['curl-minimal', 'musl-dns']]);
    const f = find(analyzeDesign(d, items), 'tls-roots-missing');
    expect(f.message).toMatch(/^curl-minimal needs TLS root certificates/);
    expect(f.fix).toEqual({
      label: 'Add ca-certificates',
      action: { type: 'addComponent', layerIndex: 1, index: 2, componentId: 'ca-certificates' },
    });
    expect(codes(analyzeDesign(applyFix(d, f), items))).not.toContain('tls-roots-missing');
    const noBase = find(analyzeDesign(withLayers([['hello'], ['openssl']]), items), 'tls-roots-missing');
    expect(noBase.fix?.action).toEqual({
      type: 'addComponent',
      layerIndex: 0,
      index: 1,
      componentId: 'ca-certificates',
    });
  });

  it('reports network tools without a DNS resolver', () => {
    const d = withLayers([
      ['lago-grey-base', 'ca-certificates'],
      ['hello', 'curl-minimal'],
    ]);
    const f = find(analyzeDesign(d, items), 'dns-resolver-missing');
    expect(f.fix?.action).toEqual({ type: 'addComponent', layerIndex: 1, index: 2, componentId: 'musl-dns' });
    expect(codes(analyzeDesign(applyFix(d, f), items))).not.toContain('dns-resolver-missing');
  });

  it('flags a shell and offers to remove it', () => {
    const d = structuredClone(TEMPLATES[2]!.design);
    const f = find(analyzeDesign(d, items), 'shell-present');
    expect(f).toMatchObject({ severity: 'warning', fix: { label: 'Remove busybox' } });
    expect(applyFix(d, f).layers.flatMap((l) => l.components)).not.toContain('busybox');
  });

  it('suggests post-quantum crypto, offering liboqs only when it fits the budget', () => {
    const d = withLayers([['lago-grey-base', 'hello'], ['libsodium']]);
    const f = find(analyzeDesign(d, items), 'no-pq-crypto');
    expect(f.severity).toBe('info');
    expect(f.fix?.action).toEqual({ type: 'addComponent', layerIndex: 1, index: 1, componentId: 'liboqs' });
    expect(find(analyzeDesign({ ...d, targetBytes: 5_000_000 }, items), 'no-pq-crypto').fix).toBeUndefined();
  });

  it('says what cannot be built: unavailable, planned, unknown', () => {
    const offline: CatalogItem[] = items.map((i) =>
      i.id === 'liboqs'
        ? { ...i, available: false, unavailableReason: 'put liboqs.a in LAGO_ARTIFACTS_DIR' }
        : i,
    );
    expect(find(analyzeDesign(seed(), offline), 'not-buildable')).toEqual({
      severity: 'error',
      code: 'not-buildable',
      message: 'liboqs cannot be built on this server: put liboqs.a in LAGO_ARTIFACTS_DIR',
    });
    const d: Design = {
      ...seed(),
      planned: [{ id: 'planned:api', name: 'My API', estimatedBytes: 2_000_000 }],
      layers: [
        ...seed().layers,
        { name: 'more', components: ['planned:api', `upload:sha256:${'1'.repeat(64)}`] },
      ],
    };
    const msgs = analyzeDesign(d, items)
      .filter((f) => f.code === 'not-buildable')
      .map((f) => f.message);
    expect(msgs).toEqual([
      '"My API" is a planned placeholder (~2 MB): it counts in the budget but cannot be built. Replace it with a real component before building.',
      `Unknown component "upload:sha256:${'1'.repeat(64)}": this server has no such component. Remove it or upload it again.`,
    ]);
  });

  it('reports empty layers, offering removal unless it is the only layer', () => {
    const d = withLayers([['lago-grey-base', 'hello'], []]);
    const f = find(analyzeDesign(d, items), 'empty-layer');
    expect(f.fix).toEqual({ label: 'Remove layer "l1"', action: { type: 'removeLayer', layerIndex: 1 } });
    expect(find(analyzeDesign(emptyDesign(), items), 'empty-layer').fix).toBeUndefined();
  });

  it('reports a path installed twice, across layers with dive figures and within a layer', () => {
    const hello = measuredItem('hello', [
      { path: '/usr/bin/tool', bytes: 3_000 },
      { path: '/usr/bin/hello', bytes: 1_000 },
    ]);
    const obli = measuredItem('obli-pkg', [{ path: '/usr/bin/tool', bytes: 3_000 }]);
    // Σmin/Σcumulative = (2000 base + 1000 hello + 3000 tool) / (2000 + 1000 + 6000).
    const across = analyzeDesign(
      withLayers([['lago-grey-base', 'hello'], ['obli-pkg']]),
      itemsWith(hello, obli),
    );
    const f = find(across, 'duplicate-path');
    expect(f.severity).toBe('warning');
    expect(f.message).toBe(
      '/usr/bin/tool is installed by hello (layer "l0") and obli-pkg (layer "l1"): 6 KB wasted across layers. Keep it in one component. Image efficiency 66.7%, 6 KB wasted across layers (dive\'s measures).',
    );
    const within = analyzeDesign(
      withLayers([['lago-grey-base', 'hello', 'obli-pkg']]),
      itemsWith(hello, obli),
    );
    expect(find(within, 'duplicate-path').message).toMatch(
      /the later copy overwrites the earlier and the budget counts it twice/,
    );
  });

  it('puts errors first, then warnings, then infos', () => {
    const fs = analyzeDesign(
      withLayers([['busybox'], []], { user: 'nonroot', entrypoint: ['/nope'] }),
      items,
    );
    const rank = { error: 0, warning: 1, info: 2 };
    expect(fs.map((f) => rank[f.severity])).toEqual([...fs.map((f) => rank[f.severity])].sort());
    expect(codes(fs)).toEqual([
      'entrypoint-missing',
      'nonroot-without-base',
      'dns-resolver-missing',
      'shell-present',
      'no-pq-crypto',
      'empty-layer',
    ]);
  });

  it('offers only fixes that apply cleanly, for every template', () => {
    for (const t of TEMPLATES) {
      for (const f of analyzeDesign(t.design, items))
        if (f.fix) expect(applyEdit(t.design, f.fix.action).ok).toBe(true);
    }
  });
});

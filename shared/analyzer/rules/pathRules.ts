import { formatBytes } from '../../bytes/formatBytes.ts';
import type { CatalogItem } from '../../catalog/types.ts';
import type { AnalysisContext } from '../analysisContext.ts';
import { componentFiles } from '../componentFiles.ts';
import type { Finding } from '../finding.ts';
import { layerWaste } from '../layerWaste.ts';

/** Most duplicate-path findings reported; the rest are summed up in the last one. */
const MAX_DUPLICATE_FINDINGS = 10;

function installs(item: CatalogItem, program: string): boolean {
  if (!program.startsWith('/')) {
    return item.binaries.some((b) => b.slice(b.lastIndexOf('/') + 1) === program);
  }
  if (item.files && !item.sizeIsEstimate) return item.files.some((f) => f.path === program);
  return item.paths.some((p) => p === program || program.startsWith(`${p}/`));
}

/** `entrypoint-missing`: no entrypoint at all, or its program is installed by no component. */
export function entrypointMissing(ctx: AnalysisContext): Finding[] {
  const { entrypoint, cmd } = ctx.design.config;
  const program = entrypoint[0] ?? cmd[0];
  if (program === undefined) {
    return [
      {
        severity: 'warning',
        code: 'entrypoint-missing',
        message:
          'No entrypoint or cmd: the image cannot run by itself. Set an entrypoint such as /usr/bin/hello.',
      },
    ];
  }
  const inImage = ctx.components.some((c) => c.item && installs(c.item, program));
  if (inImage) return [];
  const provider = ctx.items.find((i) => installs(i, program) && !ctx.components.some((c) => c.ref === i.id));
  const layerIndex = ctx.design.layers.length - 1;
  const index = ctx.design.layers[layerIndex]?.components.length ?? 0;
  return [
    {
      severity: 'error',
      code: 'entrypoint-missing',
      message: `The entrypoint ${program} is not installed by any component: the container would fail to start.${provider ? ` Add ${provider.id}, which installs it.` : ' Add the component that provides it, or change the entrypoint.'}`,
      ...(provider && {
        fix: {
          label: `Add ${provider.id}`,
          action: { type: 'addComponent', layerIndex, index, componentId: provider.id },
        },
      }),
    },
  ];
}

/**
 * `duplicate-path`: a path installed by two components, in one layer (the later
 * overwrites the earlier; the budget counts both) or across layers (dive counts
 * every copy as waste). Messages carry dive's wastedBytes and efficiency.
 */
export function duplicatePaths(ctx: AnalysisContext): Finding[] {
  const byPath = new Map<string, { ref: string; layerIndex: number }[]>();
  for (const f of componentFiles(ctx.design, ctx.items)) {
    const list = byPath.get(f.path) ?? [];
    list.push({ ref: f.ref, layerIndex: f.layerIndex });
    byPath.set(f.path, list);
  }
  const dupes = [...byPath].filter(([, owners]) => owners.length > 1);
  if (dupes.length === 0) return [];
  const waste = layerWaste(ctx.design, ctx.items);
  const cumulative = new Map(waste.paths.map((p) => [p.path, p.cumulativeBytes]));
  // dive CI defaults: efficiency below 0.9 or user waste above 10% fail.
  const severity = waste.efficiency < 0.9 || waste.userWastedPercent > 0.1 ? 'warning' : 'info';
  const summary = `Image efficiency ${(waste.efficiency * 100).toFixed(1)}%, ${formatBytes(waste.wastedBytes)} wasted across layers (dive's measures).`;
  const layerName = (i: number) => `"${ctx.design.layers[i]?.name ?? ''}"`;
  const findings = dupes.slice(0, MAX_DUPLICATE_FINDINGS).map(([path, owners]): Finding => {
    const who = owners.map((o) => `${o.ref} (layer ${layerName(o.layerIndex)})`).join(' and ');
    const wasted = cumulative.get(path);
    const effect =
      wasted === undefined
        ? 'they share a layer, so the later copy overwrites the earlier and the budget counts it twice'
        : `${formatBytes(wasted)} wasted across layers`;
    return {
      severity,
      code: 'duplicate-path',
      message: `${path} is installed by ${who}: ${effect}. Keep it in one component. ${summary}`,
    };
  });
  const rest = dupes.length - findings.length;
  const last = findings[findings.length - 1];
  if (rest > 0 && last) last.message += ` (${rest} more duplicate paths not listed.)`;
  return findings;
}

import { formatBytes } from '../../bytes/formatBytes.ts';
import type { AnalysisContext } from '../analysisContext.ts';
import type { Finding } from '../finding.ts';

/** `over-budget`: the total exceeds the target. No fix: what to drop is the user's call. */
export function overBudget(ctx: AnalysisContext): Finding[] {
  const b = ctx.budget;
  if (!b.overBudget) return [];
  const approx = b.estimated ? ' (estimated)' : '';
  return [
    {
      severity: 'error',
      code: 'over-budget',
      message: `Over budget by ${formatBytes(-b.remainingBytes)}${approx}: ${formatBytes(b.totalBytes)} against a ${formatBytes(b.targetBytes)} target. Remove or replace the largest components, or raise the target.`,
    },
  ];
}

/** `not-buildable`: unavailable on this server, a planned placeholder, or unknown. */
export function notBuildable(ctx: AnalysisContext): Finding[] {
  const out: Finding[] = [];
  for (const c of ctx.components) {
    if (c.unknown) {
      out.push({
        severity: 'error',
        code: 'not-buildable',
        message: `Unknown component "${c.ref}": this server has no such component. Remove it or upload it again.`,
      });
    } else if (c.planned) {
      out.push({
        severity: 'error',
        code: 'not-buildable',
        message: `"${c.name}" is a planned placeholder (~${formatBytes(c.bytes)}): it counts in the budget but cannot be built. Replace it with a real component before building.`,
      });
    } else if (c.item && !c.item.available) {
      const why = c.item.unavailableReason ?? 'it is not available';
      out.push({
        severity: 'error',
        code: 'not-buildable',
        message: `${c.ref} cannot be built on this server: ${why}`,
      });
    }
  }
  return out;
}

/** `empty-layer`: a layer with no components still becomes an (empty) image layer. */
export function emptyLayers(ctx: AnalysisContext): Finding[] {
  const layers = ctx.design.layers;
  return layers.flatMap((layer, layerIndex): Finding[] => {
    if (layer.components.length > 0) return [];
    return [
      {
        severity: 'info',
        code: 'empty-layer',
        message: `Layer "${layer.name}" is empty: it still becomes an empty image layer. Add components or remove it.`,
        ...(layers.length > 1 && {
          fix: { label: `Remove layer "${layer.name}"`, action: { type: 'removeLayer', layerIndex } },
        }),
      },
    ];
  });
}

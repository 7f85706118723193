import type { CatalogItem } from '../catalog/types.ts';
import type { Design } from '../design/types.ts';
import { analysisContext, type AnalysisContext } from './analysisContext.ts';
import type { Finding, Severity } from './finding.ts';
import { emptyLayers, notBuildable, overBudget } from './rules/budgetRules.ts';
import {
  dnsResolverMissing,
  noPqCrypto,
  nonrootWithoutBase,
  shellPresent,
  tlsRootsMissing,
} from './rules/capabilityRules.ts';
import { duplicatePaths, entrypointMissing } from './rules/pathRules.ts';

export type { Finding, FindingCode, FindingFix, Severity } from './finding.ts';

const RULES: readonly ((ctx: AnalysisContext) => Finding[])[] = [
  overBudget,
  notBuildable,
  entrypointMissing,
  nonrootWithoutBase,
  tlsRootsMissing,
  dnsResolverMissing,
  duplicatePaths,
  shellPresent,
  noPqCrypto,
  emptyLayers,
];

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Everything worth telling the user about a design, errors first (then in rule
 * order, deterministic). A `fix`, when present, is a design edit that resolves
 * the finding in one click via `applyEdit`. `items` should be what the server's
 * catalog returned (so `available` and measured sizes are real).
 */
export function analyzeDesign(design: Design, items: readonly CatalogItem[]): Finding[] {
  const ctx = analysisContext(design, items);
  return RULES.flatMap((rule) => rule(ctx))
    .map((finding, order) => ({ finding, order }))
    .sort((a, b) => RANK[a.finding.severity] - RANK[b.finding.severity] || a.order - b.order)
    .map(({ finding }) => finding);
}

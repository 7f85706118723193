import type { DesignAction } from '../design/designActions.ts';

/** How much a finding matters. `error`: the image will not build or not work as designed. */
export type Severity = 'error' | 'warning' | 'info';

/** Stable finding codes (the UI and tests key on them). */
export type FindingCode =
  | 'over-budget'
  | 'entrypoint-missing'
  | 'duplicate-path'
  | 'nonroot-without-base'
  | 'tls-roots-missing'
  | 'dns-resolver-missing'
  | 'shell-present'
  | 'no-pq-crypto'
  | 'not-buildable'
  | 'empty-layer';

/** A one-click fix: a design edit the UI applies with `applyEdit`. */
export interface FindingFix {
  label: string;
  action: DesignAction;
}

/** One analyzer result. */
export interface Finding {
  severity: Severity;
  code: FindingCode;
  message: string;
  fix?: FindingFix;
}

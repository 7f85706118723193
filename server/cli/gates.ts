/**
 * dive's CI rules, applied to a design before anything is built. Thresholds
 * come from flags, else a `.lago-grey-ci` file (dive's `.dive-ci` shape:
 * `rules:` then `name: value` lines), else the defaults; `disabled` turns a
 * gate off. A gate passes AT its threshold and fails just beyond it.
 */
import type { Budget } from '../../shared/budget/computeBudget.ts';
import type { LayerWaste } from '../../shared/analyzer/layerWaste.ts';
import { formatBytes } from '../../shared/bytes/formatBytes.ts';
import { CliError, EXIT } from './CliError.ts';
import { parseBytes, parseRatio } from './inputs.ts';

export const GATE_NAMES = [
  'max-bytes',
  'lowest-efficiency',
  'highest-wasted-bytes',
  'highest-user-wasted-percent',
] as const;
export type GateName = (typeof GATE_NAMES)[number];

/** A threshold, or null when the gate is disabled; undefined = not set here. */
export type GateSettings = Partial<Record<GateName, number | null>>;

export interface GateResult {
  name: GateName;
  /** null: disabled. */
  threshold: number | null;
  actual: number;
  pass: boolean;
  message: string;
}

export const CI_FILE = '.lago-grey-ci';

export function parseGateValue(name: GateName, value: string, where: string): number | null {
  if (/^(disabled|off|none)$/i.test(value.trim())) return null;
  return name === 'max-bytes' || name === 'highest-wasted-bytes'
    ? parseBytes(value, where)
    : parseRatio(value, where);
}

/** Parses a `.lago-grey-ci` file's text; errors name the file and line. */
export function parseCiFile(text: string, file: string): GateSettings {
  const out: GateSettings = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '' || /^rules\s*:$/.test(line)) return;
    const m = /^([a-z-]+)\s*:\s*["']?([^"']*)["']?$/.exec(line);
    const name = m?.[1] as GateName | undefined;
    if (!m || !name || !GATE_NAMES.includes(name)) {
      throw new CliError(
        EXIT.usage,
        `${file}:${i + 1}: expected one of ${GATE_NAMES.join(', ')} as "name: value", got "${line}"`,
      );
    }
    out[name] = parseGateValue(name, m[2] ?? '', `${file}:${i + 1} ${name}`);
  });
  return out;
}

export function effectiveGates(
  targetBytes: number,
  file: GateSettings,
  flags: GateSettings,
): Record<GateName, number | null> {
  const defaults: Record<GateName, number | null> = {
    'max-bytes': targetBytes,
    'lowest-efficiency': 0.9,
    'highest-wasted-bytes': null,
    'highest-user-wasted-percent': 0.1,
  };
  const out = { ...defaults };
  for (const name of GATE_NAMES) {
    if (file[name] !== undefined) out[name] = file[name];
    if (flags[name] !== undefined) out[name] = flags[name];
  }
  return out;
}

const pct = (r: number): string => `${(r * 100).toFixed(1).replace(/\.0$/, '')}%`;

export function evaluateGates(
  gates: Record<GateName, number | null>,
  budget: Budget,
  waste: LayerWaste,
): GateResult[] {
  const result = (
    name: GateName,
    actual: number,
    pass: (t: number) => boolean,
    show: (n: number) => string,
    op: [string, string],
  ): GateResult => {
    const t = gates[name];
    if (t === null)
      return {
        name,
        threshold: null,
        actual,
        pass: true,
        message: `${name}: ${show(actual)} (gate disabled)`,
      };
    const ok = pass(t);
    return {
      name,
      threshold: t,
      actual,
      pass: ok,
      message: `${name}: ${show(actual)} ${ok ? op[0] : op[1]} ${show(t)}`,
    };
  };
  return [
    result('max-bytes', budget.totalBytes, (t) => budget.totalBytes <= t, formatBytesExact, ['<=', '>']),
    result('lowest-efficiency', waste.efficiency, (t) => waste.efficiency >= t, pct, ['>=', '<']),
    result('highest-wasted-bytes', waste.wastedBytes, (t) => waste.wastedBytes <= t, formatBytesExact, [
      '<=',
      '>',
    ]),
    result('highest-user-wasted-percent', waste.userWastedPercent, (t) => waste.userWastedPercent <= t, pct, [
      '<=',
      '>',
    ]),
  ];
}

/** formatBytes plus the exact count when rounding hides it (so a 1-byte miss is visible). */
function formatBytesExact(n: number): string {
  const short = formatBytes(n);
  return /^\d+ B$/.test(short) ? short : `${short} (${n} B)`;
}

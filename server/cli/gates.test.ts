import { describe, expect, it } from 'vitest';
import { layerWaste } from '../../shared/analyzer/layerWaste.ts';
import { computeBudget } from '../../shared/budget/computeBudget.ts';
import type { CatalogItem } from '../../shared/catalog/types.ts';
import type { Design } from '../../shared/design/types.ts';
import { CliError } from './CliError.ts';
import { effectiveGates, evaluateGates, parseCiFile, type GateName } from './gates.ts';

// Two measured components writing the same path in different layers: dive counts it as waste.
const item = (id: string, files: { path: string; bytes: number }[]): CatalogItem => ({
  id,
  name: id,
  summary: id,
  category: 'binary',
  estimatedBytes: 0,
  paths: files.map((f) => f.path),
  binaries: [],
  provides: [],
  requires: [],
  source: { kind: 'generated' },
  sizeBytes: files.reduce((s, f) => s + f.bytes, 0),
  sizeIsEstimate: false,
  formation: 'floe',
  available: true,
  fileCount: files.length,
  files,
});
const items = [
  item('a', [
    { path: '/x', bytes: 100 },
    { path: '/y', bytes: 50 },
  ]),
  item('b', [{ path: '/x', bytes: 120 }]),
];
const design: Design = {
  schemaVersion: 1,
  name: 'waste',
  tag: 't',
  targetBytes: 1_000,
  layers: [
    { name: 'one', components: ['a'] },
    { name: 'two', components: ['b'] },
  ],
  config: { entrypoint: [], cmd: [], user: '0', workdir: '/', env: {}, labels: {} },
};
const budget = computeBudget(design, items);
const waste = layerWaste(design, items);

const gateOf = (name: GateName, threshold: number) => {
  const gates = effectiveGates(design.targetBytes, {}, { [name]: threshold });
  return evaluateGates(gates, budget, waste).find((g) => g.name === name);
};

describe('dive gates on a design', () => {
  it('measures the waste the way dive does', () => {
    expect(budget.totalBytes).toBe(270);
    expect(waste.wastedBytes).toBe(220);
    expect(waste.efficiency).toBeCloseTo(150 / 270, 12);
    expect(waste.userWastedPercent).toBeCloseTo(220 / 120, 12);
  });

  it('max-bytes passes at the total and fails one byte below it', () => {
    expect(gateOf('max-bytes', 270)?.pass).toBe(true);
    expect(gateOf('max-bytes', 269)?.pass).toBe(false);
    expect(gateOf('max-bytes', 269)?.message).toBe('max-bytes: 270 B > 269 B');
  });

  it('lowest-efficiency passes at the efficiency and fails just above it', () => {
    expect(gateOf('lowest-efficiency', waste.efficiency)?.pass).toBe(true);
    expect(gateOf('lowest-efficiency', waste.efficiency + 1e-9)?.pass).toBe(false);
  });

  it('highest-wasted-bytes passes at the wasted bytes and fails one byte below', () => {
    expect(gateOf('highest-wasted-bytes', 220)?.pass).toBe(true);
    expect(gateOf('highest-wasted-bytes', 219)?.pass).toBe(false);
  });

  it('highest-user-wasted-percent passes at the ratio and fails just below it', () => {
    expect(gateOf('highest-user-wasted-percent', waste.userWastedPercent)?.pass).toBe(true);
    expect(gateOf('highest-user-wasted-percent', waste.userWastedPercent - 1e-9)?.pass).toBe(false);
  });

  it("defaults are dive's (0.9, 0.1, wasted bytes off) and the design target; this design fails two of them", () => {
    const results = evaluateGates(effectiveGates(design.targetBytes, {}, {}), budget, waste);
    expect(results.map((g) => [g.name, g.threshold, g.pass])).toEqual([
      ['max-bytes', 1_000, true],
      ['lowest-efficiency', 0.9, false],
      ['highest-wasted-bytes', null, true],
      ['highest-user-wasted-percent', 0.1, false],
    ]);
  });

  it('flags override the .lago-grey-ci file, which overrides the defaults', () => {
    const file = parseCiFile(
      'rules:\n  lowest-efficiency: 50%  # dive style\n  highest-wasted-bytes: 1KB\n  max-bytes: disabled\n',
      '.lago-grey-ci',
    );
    expect(file).toEqual({ 'lowest-efficiency': 0.5, 'highest-wasted-bytes': 1000, 'max-bytes': null });
    expect(effectiveGates(5, file, { 'lowest-efficiency': 0.7 })).toEqual({
      'max-bytes': null,
      'lowest-efficiency': 0.7,
      'highest-wasted-bytes': 1000,
      'highest-user-wasted-percent': 0.1,
    });
  });

  it('a bad line in the file names the file and line', () => {
    expect(() => parseCiFile('rules:\n  lowest-efficency: 0.9\n', 'ci')).toThrow(CliError);
    expect(() => parseCiFile('rules:\n  lowest-efficency: 0.9\n', 'ci')).toThrow(/^ci:2: expected one of/);
    expect(() => parseCiFile('max-bytes: lots\n', 'ci')).toThrow(/ci:1 max-bytes: "lots" is not a size/);
  });
});

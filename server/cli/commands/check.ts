/** `lago-grey check design.json`: budget, findings and dive's gates, before any build. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { analyzeDesign } from '../../../shared/analyzer/analyzeDesign.ts';
import { layerWaste } from '../../../shared/analyzer/layerWaste.ts';
import { computeBudget } from '../../../shared/budget/computeBudget.ts';
import { formatBytes } from '../../../shared/bytes/formatBytes.ts';
import { staticCatalogItems } from '../../../shared/catalog/staticCatalogItems.ts';
import { EXIT } from '../CliError.ts';
import { expectPositionals, parseCommandArgs, type CliIo } from '../cliIo.ts';
import { CI_FILE, effectiveGates, evaluateGates, GATE_NAMES, parseCiFile, parseGateValue, type GateSettings } from '../gates.ts';
import { readDesignFile, readTextFile } from '../inputs.ts';

export const CHECK_HELP = `Usage: lago-grey check <design.json> [options]

Prints the size budget and the analyzer findings of a design, then applies
dive's CI gates to it (before anything is built). Exits 1 when a gate fails.

Options:
  --max-bytes <size>                     fail when the image is bigger (default: the design's target)
  --lowest-efficiency <ratio>            fail when layer efficiency is lower (default 0.9)
  --highest-wasted-bytes <size>          fail when more bytes are wasted (default: disabled)
  --highest-user-wasted-percent <ratio>  fail when wasted/upper-layer bytes is higher (default 0.1)
  --ci-config <file>                     gates file (default: ./.lago-grey-ci, else one beside the design)
  --json                                 machine-readable output on stdout
  -h, --help                             this help

Sizes: 17500000, 17.5MB, 20MiB. Ratios: 0.9 or 90%. Any gate: "disabled".
Flags override the file; the file overrides the defaults. A gate passes at its threshold.

.lago-grey-ci (dive's .dive-ci shape):
  rules:
    max-bytes: 17.5MB
    lowest-efficiency: 0.95
    highest-wasted-bytes: disabled
    highest-user-wasted-percent: 0.1

Examples:
  lago-grey check design.json
  lago-grey check design.json --max-bytes 10MB --lowest-efficiency 0.95
  lago-grey check design.json --json | jq .gates`;

export async function checkCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('check', args, {
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    'ci-config': { type: 'string' },
    'max-bytes': { type: 'string' },
    'lowest-efficiency': { type: 'string' },
    'highest-wasted-bytes': { type: 'string' },
    'highest-user-wasted-percent': { type: 'string' },
  });
  if (values.help) {
    io.stdout(`${CHECK_HELP}\n`);
    return EXIT.ok;
  }
  const [designPath = ''] = expectPositionals('check', positionals, ['<design.json>']);
  const design = await readDesignFile(resolve(io.cwd, designPath));

  const flags: GateSettings = {};
  for (const name of GATE_NAMES) {
    const v = values[name];
    if (typeof v === 'string') flags[name] = parseGateValue(name, v, `--${name}`);
  }
  let fileGates: GateSettings = {};
  let ciFile: string | undefined;
  if (typeof values['ci-config'] === 'string') {
    ciFile = resolve(io.cwd, values['ci-config']);
  } else {
    ciFile = [join(io.cwd, CI_FILE), join(dirname(resolve(io.cwd, designPath)), CI_FILE)].find((p) => existsSync(p));
  }
  if (ciFile !== undefined) fileGates = parseCiFile(await readTextFile(ciFile, 'gates file'), ciFile);

  const items = staticCatalogItems();
  const budget = computeBudget(design, items);
  const findings = analyzeDesign(design, items);
  const waste = layerWaste(design, items);
  const gates = evaluateGates(effectiveGates(design.targetBytes, fileGates, flags), budget, waste);
  const pass = gates.every((g) => g.pass);

  if (values.json) {
    const out = {
      design: { name: design.name, tag: design.tag },
      pass,
      gates,
      budget: { ...budget, percentOfTarget: Number.isFinite(budget.percentOfTarget) ? budget.percentOfTarget : null },
      waste,
      findings,
      ...(ciFile !== undefined ? { ciConfig: ciFile } : {}),
    };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    return pass ? EXIT.ok : EXIT.gateFailed;
  }

  const lines: string[] = [];
  const pctText = Number.isFinite(budget.percentOfTarget) ? `${budget.percentOfTarget}%` : 'target is 0';
  lines.push(
    `${design.name}:${design.tag}: ${formatBytes(budget.totalBytes)} of ${formatBytes(budget.targetBytes)} (${pctText}), ${budget.formation}${budget.estimated ? ', estimated' : ''}`,
  );
  budget.layers.forEach((l, i) => {
    const comps = l.components.map((c) => `${c.id} ${formatBytes(c.bytes)}${c.unknown ? ' (unknown)' : c.estimated ? '~' : ''}`).join(', ');
    lines.push(`  layer ${i} ${l.name}: ${formatBytes(l.bytes)}${comps ? ` — ${comps}` : ''}`);
  });
  lines.push(findings.length === 0 ? 'findings: none' : 'findings:');
  for (const f of findings) lines.push(`  ${f.severity} ${f.code}: ${f.message}`);
  lines.push(`gates${ciFile !== undefined ? ` (${ciFile})` : ''}:`);
  for (const g of gates) lines.push(`  ${g.pass ? 'PASS' : 'FAIL'} ${g.message}`);
  io.stdout(`${lines.join('\n')}\n`);
  if (!pass) io.stderr(`lago-grey check: ${gates.filter((g) => !g.pass).map((g) => g.message).join('; ')}\n`);
  return pass ? EXIT.ok : EXIT.gateFailed;
}

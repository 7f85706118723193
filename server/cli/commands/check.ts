/** `lago-grey check design.json`: budget, findings and dive's gates, before any build. */
import { CHECK_HELP } from '../help.ts';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { analyzeDesign } from '../../../shared/analyzer/analyzeDesign.ts';
import { layerWaste } from '../../../shared/analyzer/layerWaste.ts';
import { computeBudget } from '../../../shared/budget/computeBudget.ts';
import { formatBytes } from '../../../shared/bytes/formatBytes.ts';
import { staticCatalogItems } from '../../../shared/catalog/staticCatalogItems.ts';
import { EXIT } from '../CliError.ts';
import { expectPositionals, parseCommandArgs, type CliIo } from '../cliIo.ts';
import {
  CI_FILE,
  effectiveGates,
  evaluateGates,
  GATE_NAMES,
  parseCiFile,
  parseGateValue,
  type GateSettings,
} from '../gates.ts';
import { readDesignFile, readTextFile } from '../inputs.ts';

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
    ciFile = [join(io.cwd, CI_FILE), join(dirname(resolve(io.cwd, designPath)), CI_FILE)].find((p) =>
      existsSync(p),
    );
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
      budget: {
        ...budget,
        percentOfTarget: Number.isFinite(budget.percentOfTarget) ? budget.percentOfTarget : null,
      },
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
    const comps = l.components
      .map((c) => `${c.id} ${formatBytes(c.bytes)}${c.unknown ? ' (unknown)' : c.estimated ? '~' : ''}`)
      .join(', ');
    lines.push(`  layer ${i} ${l.name}: ${formatBytes(l.bytes)}${comps ? ` — ${comps}` : ''}`);
  });
  lines.push(findings.length === 0 ? 'findings: none' : 'findings:');
  for (const f of findings) lines.push(`  ${f.severity} ${f.code}: ${f.message}`);
  lines.push(`gates${ciFile !== undefined ? ` (${ciFile})` : ''}:`);
  for (const g of gates) lines.push(`  ${g.pass ? 'PASS' : 'FAIL'} ${g.message}`);
  io.stdout(`${lines.join('\n')}\n`);
  if (!pass)
    io.stderr(
      `lago-grey check: ${gates
        .filter((g) => !g.pass)
        .map((g) => g.message)
        .join('; ')}\n`,
    );
  return pass ? EXIT.ok : EXIT.gateFailed;
}

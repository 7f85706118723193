import fc from 'fast-check';
import { CATALOG } from '../catalog/catalog.ts';
import type { DesignAction } from '../design/designActions.ts';
import type { Design, PlannedComponent } from '../design/types.ts';
import { NEWLINE_OR_NUL_RE } from '../design/schema.ts';

/** Test support: fast-check arbitraries for valid designs and edit actions. */

const IDS = CATALOG.map((e) => e.id);

/** A string over `chars` (much faster to generate than `fc.stringMatching`). */
export function charString(chars: string, minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...chars), minLength, maxLength });
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const layerName = charString(`${ALNUM}ABCXYZ _.!-`, 1, 20);

/** Valid planned placeholders with distinct ids. */
export const plannedListArb: fc.Arbitrary<PlannedComponent[]> = fc.uniqueArray(
  fc.record({
    id: fc.tuple(charString(ALNUM, 1, 1), charString(`${ALNUM}-`, 0, 10)).map(([a, b]) => `planned:${a}${b}`),
    name: layerName,
    estimatedBytes: fc.integer({ min: 0, max: 200_000_000 }),
  }),
  { selector: (p) => p.id, maxLength: 3 },
);

/** A valid design: distinct components (catalog ids and its planned refs) spread over 1..8 layers. */
export const designArb: fc.Arbitrary<Design> = plannedListArb.chain((planned) =>
  fc
    .record({
      refs: fc.shuffledSubarray([...IDS, ...planned.map((p) => p.id)]),
      names: fc.array(layerName, { minLength: 1, maxLength: 8 }),
      cuts: fc.array(fc.nat(), { maxLength: 20 }),
      targetBytes: fc.integer({ min: 0, max: 10_000_000_000 }),
      user: fc.constantFrom('65532:65532', '0', 'nonroot', 'root', '1000'),
      entrypoint: fc.array(
        fc.string({ maxLength: 12 }).filter((s) => !NEWLINE_OR_NUL_RE.test(s)),
        { maxLength: 3 },
      ),
      env: fc.dictionary(
        fc.tuple(charString('ABCXYZ_', 1, 1), charString('ABCXYZ_019', 0, 8)).map(([a, b]) => a + b),
        fc.string({ maxLength: 12 }).filter((s) => !NEWLINE_OR_NUL_RE.test(s)),
        {
          maxKeys: 3,
        },
      ),
    })
    .map(({ refs, names, cuts, targetBytes, user, entrypoint, env }): Design => {
      const layers = names.map((name) => ({ name, components: [] as string[] }));
      refs.forEach((ref, i) => layers[(cuts[i] ?? i) % layers.length]?.components.push(ref));
      return {
        schemaVersion: 1,
        name: 'prop-test',
        tag: 'latest',
        targetBytes,
        layers,
        config: { entrypoint, cmd: [], user, workdir: '/', env, labels: {} },
        ...(planned.length > 0 && { planned }),
      };
    }),
);

/** Any edit action, including out-of-range and duplicate ones (which must fail cleanly). */
export const actionArb: fc.Arbitrary<DesignAction> = fc.oneof(
  fc.record({
    type: fc.constant('addComponent' as const),
    layerIndex: fc.nat(9),
    index: fc.nat(9),
    componentId: fc.constantFrom(...IDS),
  }),
  fc.record({
    type: fc.constant('moveComponent' as const),
    from: fc.record({ layerIndex: fc.nat(9), index: fc.nat(9) }),
    to: fc.record({ layerIndex: fc.nat(9), index: fc.nat(9) }),
  }),
  fc.record({ type: fc.constant('removeComponent' as const), layerIndex: fc.nat(9), index: fc.nat(9) }),
  fc.record({ type: fc.constant('addLayer' as const), index: fc.nat(9), name: layerName }),
  fc.record({ type: fc.constant('renameLayer' as const), layerIndex: fc.nat(9), name: layerName }),
  fc.record({ type: fc.constant('moveLayer' as const), from: fc.nat(9), to: fc.nat(9) }),
  fc.record({ type: fc.constant('removeLayer' as const), layerIndex: fc.nat(9) }),
  fc.record({
    type: fc.constant('setTarget' as const),
    targetBytes: fc.integer({ min: -5, max: 20_000_000 }),
  }),
);

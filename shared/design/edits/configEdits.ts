import type { Design, DesignConfig, PlannedComponent } from '../types.ts';
import type { StepResult } from './editHelpers.ts';

/** Shallow-merges known config fields (`env` and `labels` are replaced whole, not merged). */
export function setConfig(design: Design, patch: Partial<DesignConfig>): StepResult {
  // Copies, so later changes to the caller's arrays/objects cannot leak into the design;
  // unknown keys in `patch` are ignored.
  const c = design.config;
  const config: DesignConfig = {
    entrypoint: copy(patch.entrypoint) ?? c.entrypoint,
    cmd: copy(patch.cmd) ?? c.cmd,
    user: patch.user ?? c.user,
    workdir: patch.workdir ?? c.workdir,
    env: copy(patch.env) ?? c.env,
    labels: copy(patch.labels) ?? c.labels,
  };
  return { ...design, config };
}

/** A shallow copy of an array or plain object; anything else as is (validation rejects it). */
function copy<T>(value: T): T {
  if (Array.isArray(value)) return [...(value as unknown[])] as T;
  if (typeof value === 'object' && value !== null) return { ...value };
  return value;
}

/** Sets the size budget in bytes. */
export function setTarget(design: Design, targetBytes: number): StepResult {
  return { ...design, targetBytes };
}

/** Sets the image name and/or tag. */
export function setMeta(design: Design, meta: { name?: string; tag?: string }): StepResult {
  return {
    ...design,
    ...(meta.name !== undefined && { name: meta.name }),
    ...(meta.tag !== undefined && { tag: meta.tag }),
  };
}

/** Declares a planned placeholder (it still has to be added to a layer to count). */
export function addPlanned(design: Design, planned: PlannedComponent): StepResult {
  const list = design.planned ?? [];
  if (list.some((p) => p.id === planned.id)) {
    return { code: 'duplicate-planned', message: `a planned component "${planned.id}" already exists` };
  }
  const { id, name, estimatedBytes } = planned;
  return { ...design, planned: [...list, { id, name, estimatedBytes }] };
}

/** Removes a planned placeholder and every reference to it in the layers. */
export function removePlanned(design: Design, id: string): StepResult {
  const list = design.planned ?? [];
  if (!list.some((p) => p.id === id)) return { code: 'not-found', message: `no planned component "${id}"` };
  const rest = list.filter((p) => p.id !== id);
  const { planned: _dropped, ...withoutPlanned } = design;
  return {
    ...withoutPlanned,
    ...(rest.length > 0 && { planned: rest }),
    layers: design.layers.map((l) =>
      l.components.includes(id) ? { ...l, components: l.components.filter((c) => c !== id) } : l,
    ),
  };
}

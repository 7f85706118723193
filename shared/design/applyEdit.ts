import type { DesignAction, EditResult } from './designActions.ts';
import { addComponent, moveComponent, removeComponent } from './edits/componentEdits.ts';
import { addPlanned, removePlanned, setConfig, setMeta, setTarget } from './edits/configEdits.ts';
import { isEditError, type StepResult } from './edits/editHelpers.ts';
import { addLayer, moveLayer, removeLayer, renameLayer } from './edits/layerEdits.ts';
import type { Design } from './types.ts';
import { formatIssue, validateDesign, type ValidationContext } from './validateDesign.ts';

export type { DesignAction, EditError, EditResult } from './designActions.ts';

/**
 * Applies one edit, reducer-style: returns a new design (sharing untouched
 * layers with the input, which is never mutated) or a typed error. Every result
 * is re-validated, so an edit can never produce a design that `validateDesign`
 * (with the same `ctx`) would reject: duplicates, unknown components, bad names,
 * more than 64 layers and the like come back as errors.
 */
export function applyEdit(design: Design, action: DesignAction, ctx?: ValidationContext): EditResult {
  const step = runStep(design, action);
  if (isEditError(step)) return { ok: false, error: step };
  const checked = validateDesign(step, ctx);
  if (!checked.ok) {
    const first = checked.issues[0];
    return {
      ok: false,
      error: { code: first?.code ?? 'invalid', message: first ? formatIssue(first) : 'invalid design' },
    };
  }
  // `replace` takes the validated copy (unknown keys stripped); others keep structural sharing.
  return { ok: true, design: action.type === 'replace' ? checked.design : step };
}

function runStep(design: Design, action: DesignAction): StepResult {
  switch (action.type) {
    case 'addComponent':
      return addComponent(design, action.layerIndex, action.index, action.componentId);
    case 'moveComponent':
      return moveComponent(design, action.from, action.to);
    case 'removeComponent':
      return removeComponent(design, action.layerIndex, action.index);
    case 'addLayer':
      return addLayer(design, action.index, action.name, action.components);
    case 'renameLayer':
      return renameLayer(design, action.layerIndex, action.name);
    case 'moveLayer':
      return moveLayer(design, action.from, action.to);
    case 'removeLayer':
      return removeLayer(design, action.layerIndex);
    case 'setConfig':
      return setConfig(design, action.patch);
    case 'setTarget':
      return setTarget(design, action.targetBytes);
    case 'setMeta':
      return setMeta(design, action);
    case 'addPlanned':
      return addPlanned(design, action.planned);
    case 'removePlanned':
      return removePlanned(design, action.id);
    case 'replace':
      return action.design;
  }
}

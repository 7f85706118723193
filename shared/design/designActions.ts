import type { ComponentRef, Design, DesignConfig, PlannedComponent } from './types.ts';

/** A component's position: layer (0 = bottom) and index within the layer. */
export interface ComponentSlot {
  layerIndex: number;
  index: number;
}

/**
 * Every edit the designer can make, as plain data (so it can be stored for
 * undo, sent over the wire, or offered as an analyzer fix). Apply with `applyEdit`.
 *
 * Index conventions follow `arrayMove`: for moves within one list, `to` is the
 * final index of the moved item; for inserts (and moves into another layer),
 * `index` may equal the list length to append.
 */
export type DesignAction =
  | { type: 'addComponent'; layerIndex: number; index: number; componentId: ComponentRef }
  | { type: 'moveComponent'; from: ComponentSlot; to: ComponentSlot }
  | { type: 'removeComponent'; layerIndex: number; index: number }
  | { type: 'addLayer'; index: number; name: string; components?: ComponentRef[] }
  | { type: 'renameLayer'; layerIndex: number; name: string }
  | { type: 'moveLayer'; from: number; to: number }
  | { type: 'removeLayer'; layerIndex: number }
  | { type: 'setConfig'; patch: Partial<DesignConfig> }
  | { type: 'setTarget'; targetBytes: number }
  | { type: 'setMeta'; name?: string; tag?: string }
  | { type: 'addPlanned'; planned: PlannedComponent }
  | { type: 'removePlanned'; id: string }
  | { type: 'replace'; design: Design };

/** The `type` of a {@link DesignAction}. */
export type DesignActionType = DesignAction['type'];

/** Why an edit was refused. `code` is one of `out-of-range`, `last-layer`, `not-found`, or a validation code. */
export interface EditError {
  code: string;
  message: string;
}

/** The outcome of `applyEdit`: a new design, or a typed error (the input is never changed). */
export type EditResult = { ok: true; design: Design } | { ok: false; error: EditError };

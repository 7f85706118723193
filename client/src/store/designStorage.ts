import { emptyDesign } from '../../../shared/design/emptyDesign.ts';
import type { Design } from '../../../shared/design/types.ts';
import { formatIssue, parseDesignText } from '../../../shared/design/validateDesign.ts';

/** Versioned so that a future format can migrate from this key. */
export const DESIGN_STORAGE_KEY = 'lago-grey:design:v1';
export const CORRUPT_KEY_PREFIX = 'lago-grey:design:corrupt:';

export type DesignStorage = Pick<Storage, 'getItem' | 'setItem'>;

export interface LoadedDesign {
  design: Design;
  /** Set when a stored design was set aside, saying where and why. */
  notice?: string;
}

/**
 * Reads the autosaved design. Anything corrupt or failing the schema is copied
 * aside (never lost) and the page starts empty instead of crashing.
 */
export function loadStoredDesign(storage: DesignStorage, now: number = Date.now()): LoadedDesign {
  let text: string | null;
  try {
    text = storage.getItem(DESIGN_STORAGE_KEY);
  } catch {
    return { design: emptyDesign(), notice: 'This browser blocks local storage, so the design will not be autosaved.' };
  }
  if (text === null) return { design: emptyDesign() };
  const parsed = parseDesignText(text);
  if (parsed.ok) return { design: parsed.design };
  const asideKey = `${CORRUPT_KEY_PREFIX}${now}`;
  try {
    storage.setItem(asideKey, text);
  } catch {
    // Storage full or blocked: the notice still tells the person what happened.
  }
  const first = parsed.issues[0];
  const reason = first ? formatIssue(first) : 'unreadable';
  return {
    design: emptyDesign(),
    notice: `The autosaved design could not be loaded (${reason}). It was kept in localStorage as "${asideKey}" and a new design was started.`,
  };
}

/** Writes the design; returns false when storage refuses (quota, privacy mode). */
export function saveStoredDesign(storage: DesignStorage, design: Design): boolean {
  try {
    storage.setItem(DESIGN_STORAGE_KEY, JSON.stringify(design));
    return true;
  } catch {
    return false;
  }
}

import { useState } from 'react';
import { appStore } from '../store/useAppStore.ts';

/** Inline rename: every valid keystroke is applied, one undo step per run of typing. */
export function LayerNameInput({ layerIndex, name }: { layerIndex: number; name: string }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const errorId = `layer-${layerIndex}-name-error`;
  return (
    <div className="flex min-w-0 flex-col">
      <input
        aria-label={`Name of layer ${layerIndex + 1}`}
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        value={draft ?? name}
        onChange={(event) => {
          const value = event.target.value;
          setDraft(value);
          const result = appStore
            .getState()
            .edit({ type: 'renameLayer', layerIndex, name: value }, { coalesceKey: `rename:${layerIndex}` });
          setError(result.ok ? null : result.error.message);
        }}
        onBlur={() => {
          setDraft(null);
          setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape' || event.key === 'Enter') event.currentTarget.blur();
        }}
        className="w-40 min-w-0 rounded border border-transparent bg-transparent px-1 font-semibold hover:border-slate-400 focus:border-slate-600 focus:bg-white"
      />
      {error ? (
        <span id={errorId} className="text-xs text-glacier-fg">
          {error}
        </span>
      ) : null}
    </div>
  );
}

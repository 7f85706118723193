import { useId, useState, type ReactNode } from 'react';
import type { DesignAction } from '../../../shared/design/designActions.ts';
import { appStore } from '../store/useAppStore.ts';

export type ToAction = (text: string) => DesignAction | { error: string };

interface SettingFieldProps {
  label: string;
  /** The design's current value as text. */
  value: string;
  toAction: ToAction;
  /** `change`: apply each valid keystroke (one undo step per run); `blur`: apply when leaving. */
  commit?: 'change' | 'blur';
  multiline?: boolean;
  hint?: ReactNode;
  list?: string;
  inputMode?: 'decimal' | 'text';
}

/** A labelled field whose edits go through the shared edits; errors come from the schema. */
export function SettingField({ label, value, toAction, commit = 'change', multiline, hint, list, inputMode }: SettingFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const apply = (text: string) => {
    const action = toAction(text);
    if ('error' in action) {
      setError(action.error);
      return false;
    }
    const result = appStore.getState().edit(action, { coalesceKey: `setting:${label}` });
    setError(result.ok ? null : result.error.message);
    return result.ok;
  };

  const common = {
    id,
    value: draft ?? value,
    'aria-invalid': error !== null,
    'aria-describedby': `${id}-msg`,
    className: 'rounded border border-slate-400 bg-white px-2 py-1 font-normal aria-[invalid=true]:border-red-700',
    onChange: (event: { target: { value: string } }) => {
      setDraft(event.target.value);
      if (commit === 'change') apply(event.target.value);
    },
    // An invalid draft stays visible with its message until it is fixed.
    onBlur: () => {
      if (commit === 'blur' && draft !== null) {
        if (apply(draft)) setDraft(null);
      } else if (error === null) {
        setDraft(null);
      }
    },
  };

  return (
    <div className="flex flex-col gap-1 text-sm font-medium">
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea rows={3} {...common} /> : <input type="text" list={list} inputMode={inputMode} {...common} />}
      <span id={`${id}-msg`} className={error ? 'text-xs text-red-800' : 'text-xs font-normal text-slate-700'}>
        {error ?? hint}
      </span>
    </div>
  );
}

import { useState } from 'react';
import { appStore } from '../store/useAppStore.ts';
import { plannedIdFor } from './plannedItems.ts';

/** A planned component: a name and an estimated size, to budget what is not built yet. */
export function AddPlannedForm() {
  const [name, setName] = useState('');
  const [megabytes, setMegabytes] = useState('');
  const [error, setError] = useState('');
  return (
    <form
      className="flex flex-col gap-1 rounded-md border border-slate-300 p-2 text-sm"
      onSubmit={(event) => {
        event.preventDefault();
        const mb = Number(megabytes);
        if (!name.trim() || !Number.isFinite(mb) || mb <= 0) {
          setError('Give a name and a size in MB, e.g. "my-app" and 3.5.');
          return;
        }
        const planned = { id: plannedIdFor(name), name: name.trim(), estimatedBytes: Math.round(mb * 1_000_000) };
        const result = appStore.getState().edit({ type: 'addPlanned', planned });
        setError(result.ok ? '' : result.error.message);
        if (result.ok) {
          setName('');
          setMegabytes('');
          appStore.getState().announce(`Planned component ${planned.name} added to the list; drag it onto a layer.`);
        }
      }}
    >
      <p className="font-semibold">Plan a component</p>
      <div className="flex gap-2">
        <label className="flex min-w-0 flex-1 flex-col text-xs font-medium">
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} className="w-full min-w-0 rounded border border-slate-400 px-1 py-0.5 font-normal" />
        </label>
        <label className="flex w-20 shrink-0 flex-col text-xs font-medium">
          Size (MB)
          <input
            value={megabytes}
            inputMode="decimal"
            onChange={(e) => setMegabytes(e.target.value)}
            className="w-full min-w-0 rounded border border-slate-400 px-1 py-0.5 font-normal"
          />
        </label>
      </div>
      <button type="submit" className="toolbar-button self-start">
        Add planned
      </button>
      {error ? (
        <p role="alert" className="text-xs text-red-800">
          {error}
        </p>
      ) : null}
    </form>
  );
}

import { useRef } from 'react';
import { emptyDesign } from '../../../shared/design/emptyDesign.ts';
import { TEMPLATES } from '../../../shared/design/templates.ts';
import type { Design } from '../../../shared/design/types.ts';
import { appStore } from '../store/useAppStore.ts';

const CHOICES: readonly { id: string; name: string; description: string; make: () => Design }[] = [
  { id: 'empty', name: 'Empty design', description: 'One empty base layer and the 17.5 MB target', make: emptyDesign },
  ...TEMPLATES.map((t) => ({ id: t.id, name: t.name, description: t.description, make: () => structuredClone(t.design) })),
];

/** "New" with templates. No confirmation: Undo brings the previous design back. */
export function NewDesignMenu() {
  const details = useRef<HTMLDetailsElement>(null);
  const close = () => {
    if (details.current) details.current.open = false;
  };
  return (
    <details
      ref={details}
      className="relative"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          close();
          details.current?.querySelector('summary')?.focus();
        }
      }}
    >
      <summary className="cursor-pointer list-none rounded border border-slate-500 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-100">
        New
      </summary>
      <ul className="absolute left-0 z-20 mt-1 w-72 rounded-md border border-slate-400 bg-white p-1 shadow-lg">
        {CHOICES.map((choice) => (
          <li key={choice.id}>
            <button
              type="button"
              onClick={() => {
                appStore.getState().edit({ type: 'replace', design: choice.make() });
                // A new design is not the saved one: Save must not overwrite it.
                appStore.getState().forgetSaved();
                appStore.getState().announce(`Started “${choice.name}”. Undo returns to the previous design.`);
                close();
              }}
              className="w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100"
            >
              <span className="block font-semibold">{choice.name}</span>
              <span className="block text-xs text-slate-700">{choice.description}</span>
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

import { useAppStore } from '../store/useAppStore.ts';
import type { StackView } from '../store/uiSlice.ts';

const VIEWS: { view: StackView; label: string }[] = [
  { view: 'canvas', label: 'To scale' },
  { view: 'list', label: 'List' },
];

/** Canvas (drawn to scale) or the compact list; remembered in this browser. */
export function ViewToggle() {
  const current = useAppStore((s) => s.stackView);
  const setView = useAppStore((s) => s.setStackView);
  return (
    <div role="group" aria-label="Stack view" className="inline-flex overflow-hidden rounded border border-slate-500 text-sm">
      {VIEWS.map(({ view, label }) => (
        <button
          key={view}
          type="button"
          aria-pressed={current === view}
          onClick={() => setView(view)}
          className={`px-2 py-1 ${current === view ? 'bg-slate-900 font-semibold text-white' : 'bg-white text-slate-900 hover:bg-slate-100'}`}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

import { TEMPLATES } from '../../../shared/design/templates.ts';
import { appStore } from '../store/useAppStore.ts';

/** Shown while every layer is empty, so the canvas is never a blank box. */
export function EmptyDesignGuide() {
  return (
    <div className="rounded-lg border border-floe-edge bg-floe-bg p-3 text-sm text-floe-fg">
      <p className="font-semibold">Your image is empty.</p>
      <p className="mt-1">
        Drag a component from the list on the left onto the <strong>base</strong> layer. With the keyboard: focus a component,
        press Space, choose a layer and position with the arrow keys, and press Space again.
      </p>
      <p className="mt-2">Or start from a template:</p>
      <ul className="mt-1 flex flex-wrap gap-2">
        {TEMPLATES.map((template) => (
          <li key={template.id}>
            <button
              type="button"
              title={template.description}
              onClick={() => appStore.getState().edit({ type: 'replace', design: structuredClone(template.design) })}
              className="rounded border border-floe-edge bg-white px-2 py-1 text-floe-fg hover:bg-floe-bg"
            >
              {template.name}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

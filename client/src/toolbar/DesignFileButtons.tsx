import { useRef } from 'react';
import { describePaths } from '../../../shared/design/describePath.ts';
import { formatIssue, parseDesignText } from '../../../shared/design/validateDesign.ts';
import { downloadText } from '../common/downloadText.ts';
import { appStore } from '../store/useAppStore.ts';

/** The layer names of an invalid design file, when it is JSON enough to have them. */
function layersOf(text: string): { layers: { name: string; components: string[] }[] } | null {
  try {
    const value: unknown = JSON.parse(text);
    const layers = (value as { layers?: unknown }).layers;
    if (!Array.isArray(layers)) return null;
    return {
      layers: layers.map((l: unknown) => ({
        name: typeof (l as { name?: unknown })?.name === 'string' ? (l as { name: string }).name : '',
        components: [],
      })),
    };
  } catch {
    return null;
  }
}

/** Import / Export of the design JSON as a file. */
export function DesignFileButtons() {
  const input = useRef<HTMLInputElement>(null);

  const importFile = async (file: File) => {
    const text = await file.text();
    const parsed = parseDesignText(text);
    const state = appStore.getState();
    if (!parsed.ok) {
      const issues = describePaths(parsed.issues.slice(0, 3).map(formatIssue).join('; '), layersOf(text));
      state.showNotice({ tone: 'error', text: `“${file.name}” is not a valid design: ${issues}. Fix the file and import it again.` });
      return;
    }
    state.edit({ type: 'replace', design: parsed.design });
    // An imported file is its own design: Save creates a new server copy.
    state.forgetSaved();
    state.announce(`Imported “${file.name}”. Undo returns to the previous design.`);
  };

  const exportFile = () => {
    const { design } = appStore.getState();
    downloadText(`${design.name}-${design.tag}.design.json`, `${JSON.stringify(design, null, 2)}\n`, 'application/json');
  };

  return (
    <>
      <button type="button" onClick={() => input.current?.click()} className="toolbar-button">
        Import design
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        className="hidden"
        aria-label="Design file to import"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void importFile(file);
        }}
      />
      <button type="button" onClick={exportFile} className="toolbar-button">
        Export design
      </button>
    </>
  );
}

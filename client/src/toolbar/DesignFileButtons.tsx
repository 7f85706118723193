import { useRef } from 'react';
import { formatIssue, parseDesignText } from '../../../shared/design/validateDesign.ts';
import { downloadText } from '../common/downloadText.ts';
import { appStore } from '../store/useAppStore.ts';

/** Import / Export of the design JSON as a file. */
export function DesignFileButtons() {
  const input = useRef<HTMLInputElement>(null);

  const importFile = async (file: File) => {
    const parsed = parseDesignText(await file.text());
    const state = appStore.getState();
    if (!parsed.ok) {
      const issues = parsed.issues.slice(0, 3).map(formatIssue).join('; ');
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

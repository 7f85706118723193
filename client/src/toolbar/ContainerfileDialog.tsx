import { useMemo, useState } from 'react';
import { generateContainerfile } from '../../../shared/containerfile/generateContainerfile.ts';
import { copyText, downloadText } from '../common/downloadText.ts';
import { useCatalogContext } from '../common/pageContexts.ts';
import { useAppStore } from '../store/useAppStore.ts';

/** The Containerfile preview: the same generator the server uses, byte for byte. */
export function ContainerfileDialog({ onClose }: { onClose: () => void }) {
  const design = useAppStore((s) => s.design);
  const { items } = useCatalogContext();
  const text = useMemo(() => generateContainerfile(design, items), [design, items]);
  const [copied, setCopied] = useState<string>('');

  return (
    <dialog
      ref={(node) => {
        if (node && !node.open) node.showModal();
      }}
      onClose={onClose}
      aria-labelledby="containerfile-title"
      className="m-auto w-[min(56rem,95vw)] rounded-lg bg-white p-0 text-slate-900 shadow-xl"
    >
      <div className="flex items-center justify-between gap-2 border-b border-slate-300 p-3">
        <h2 id="containerfile-title" className="text-lg font-bold">
          Containerfile
        </h2>
        <div className="flex items-center gap-2">
          <span role="status" className="text-sm text-green-900">
            {copied}
          </span>
          <button
            type="button"
            className="toolbar-button"
            onClick={async () => setCopied((await copyText(text)) ? 'Copied.' : 'Copy failed: select the text and copy it.')}
          >
            Copy
          </button>
          <button type="button" className="toolbar-button" onClick={() => downloadText('Containerfile', text)}>
            Download
          </button>
          <button type="button" className="primary-button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
      <pre
        data-testid="containerfile-text"
        tabIndex={0}
        aria-label="Containerfile text"
        className="max-h-[70vh] overflow-auto bg-slate-900 p-4 font-mono text-sm text-slate-50"
      >
        {text}
      </pre>
    </dialog>
  );
}

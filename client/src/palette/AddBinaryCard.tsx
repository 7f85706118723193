import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { formatBytes } from '../../../shared/bytes/formatBytes.ts';
import { CATALOG_QUERY_KEY } from '../api/useCatalog.ts';
import { uploadBinary, uploadNameFrom } from '../api/uploadBinary.ts';
import { appStore } from '../store/useAppStore.ts';

/** "Add your binary": a file picker and drop target; the upload becomes a catalog card. */
export function AddBinaryCard() {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<{ busy: boolean; message: string; error: boolean }>({ busy: false, message: '', error: false });
  const [dragOver, setDragOver] = useState(false);

  const send = async (file: File) => {
    setState({ busy: true, message: `Uploading ${file.name}…`, error: false });
    try {
      const entry = await uploadBinary(file, uploadNameFrom(file.name));
      await queryClient.invalidateQueries({ queryKey: CATALOG_QUERY_KEY });
      const text = `Added ${entry.name} (${formatBytes(entry.sizeBytes)}, a ${entry.formation}) at ${entry.installPath}. Drag it onto a layer.`;
      setState({ busy: false, message: text, error: false });
      appStore.getState().announce(text);
    } catch (error) {
      setState({ busy: false, message: error instanceof Error ? error.message : String(error), error: true });
    }
  };

  return (
    <div
      onDragOver={(event) => {
        event.preventDefault();
        setDragOver(true);
      }}
      onDragLeave={() => setDragOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragOver(false);
        const file = event.dataTransfer.files[0];
        if (file) void send(file);
      }}
      className={`rounded-md border-2 border-dashed p-2 text-sm ${dragOver ? 'border-slate-900 bg-slate-100' : 'border-slate-400'}`}
    >
      <p className="font-semibold">Add your binary</p>
      <p className="text-xs text-slate-700">A static x86-64 Linux executable; drop it here or choose a file.</p>
      <button type="button" className="toolbar-button mt-1" disabled={state.busy} onClick={() => input.current?.click()}>
        Choose a file…
      </button>
      <input
        ref={input}
        type="file"
        className="hidden"
        aria-label="Binary to upload"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void send(file);
        }}
      />
      {state.message ? (
        <p role={state.error ? 'alert' : 'status'} className={`mt-1 text-xs ${state.error ? 'text-red-800' : 'text-green-900'}`}>
          {state.message}
        </p>
      ) : null}
    </div>
  );
}

import { useState } from 'react';
import { SaveControls } from '../saved/SaveControls.tsx';
import { useAppStore } from '../store/useAppStore.ts';
import { ContainerfileDialog } from './ContainerfileDialog.tsx';
import { DesignFileButtons } from './DesignFileButtons.tsx';
import { NewDesignMenu } from './NewDesignMenu.tsx';
import { useUndoShortcuts } from './useUndoShortcuts.ts';

/** Undo / Redo, Save / Open / Share, New, Import / Export, and the Containerfile preview. */
export function Toolbar() {
  useUndoShortcuts();
  const canUndo = useAppStore((s) => s.past.length > 0);
  const canRedo = useAppStore((s) => s.future.length > 0);
  const undo = useAppStore((s) => s.undo);
  const redo = useAppStore((s) => s.redo);
  const [previewOpen, setPreviewOpen] = useState(false);

  return (
    <div role="toolbar" aria-label="Design" className="flex flex-wrap items-center gap-2">
      <button type="button" onClick={undo} disabled={!canUndo} aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)" className="toolbar-button">
        Undo
      </button>
      <button
        type="button"
        onClick={redo}
        disabled={!canRedo}
        aria-keyshortcuts="Control+Shift+Z"
        title="Redo (Ctrl+Shift+Z)"
        className="toolbar-button"
      >
        Redo
      </button>
      <SaveControls />
      <NewDesignMenu />
      <DesignFileButtons />
      <button type="button" onClick={() => setPreviewOpen(true)} className="toolbar-button">
        Export Containerfile
      </button>
      {/* The header is sticky: Build stays one click away however long the stack is. */}
      <a href="#build-heading" className="primary-button">
        Go to Build
      </a>
      {previewOpen ? <ContainerfileDialog onClose={() => setPreviewOpen(false)} /> : null}
    </div>
  );
}

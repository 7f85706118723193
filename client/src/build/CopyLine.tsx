import { useState } from 'react';
import { copyText } from '../common/downloadText.ts';

/** A shell line with a Copy button. */
export function CopyLine({ text }: { text: string }) {
  const [state, setState] = useState('');
  return (
    <div className="flex items-center gap-2">
      <code className="flex-1 overflow-x-auto rounded bg-slate-900 px-2 py-1 font-mono text-xs text-slate-50">{text}</code>
      <button
        type="button"
        aria-label={`Copy: ${text}`}
        className="toolbar-button"
        onClick={async () => setState((await copyText(text)) ? 'Copied' : 'Select and copy')}
      >
        {state || 'Copy'}
      </button>
    </div>
  );
}

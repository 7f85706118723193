import { useState } from 'react';
import { copyText } from '../common/downloadText.ts';

/** The address that opens the saved design in any browser. */
export function shareUrl(id: string): string {
  return `${window.location.origin}/?design=${encodeURIComponent(id)}`;
}

/** Copies the share link; the link itself stays visible to select by hand. */
export function ShareLink({ id }: { id: string }) {
  const [copied, setCopied] = useState('');
  const url = shareUrl(id);
  return (
    <span className="flex items-center gap-1">
      <a href={url} data-testid="share-link" className="max-w-40 truncate text-sm text-slate-900 underline" title={url}>
        Share link
      </a>
      <button
        type="button"
        className="toolbar-button"
        onClick={async () => setCopied((await copyText(url)) ? 'Copied' : 'Copy failed')}
      >
        {copied ? `Share link ${copied.toLowerCase()}` : 'Copy share link'}
      </button>
    </span>
  );
}

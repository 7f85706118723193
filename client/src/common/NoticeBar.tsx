import { useAppStore } from '../store/useAppStore.ts';
import { TokenPrompt } from './TokenPrompt.tsx';

/** Page-level notices (a set-aside autosave, a bad import) and the polite live region. */
export function NoticeBar() {
  const notice = useAppStore((s) => s.notice);
  const dismiss = useAppStore((s) => s.dismissNotice);
  const announcement = useAppStore((s) => s.announcement);
  return (
    <>
      <p role="status" aria-live="polite" className="sr-only" data-testid="announcer">
        {announcement}
      </p>
      <TokenPrompt />
      {notice ? (
        <div
          role="alert"
          data-testid="notice"
          className={`flex items-start justify-between gap-3 rounded-md border p-2 text-sm ${
            notice.tone === 'error' ? 'border-red-700 bg-red-50 text-red-900' : 'border-floe-edge bg-floe-bg text-floe-fg'
          }`}
        >
          <p>{notice.text}</p>
          <button type="button" onClick={dismiss} className="toolbar-button shrink-0">
            Dismiss
          </button>
        </div>
      ) : null}
    </>
  );
}

import type { Finding } from '../../../shared/analyzer/analyzeDesign.ts';
import { appStore } from '../store/useAppStore.ts';

const SEVERITY = {
  error: { icon: '✕', label: 'Error', style: 'border-red-700 bg-red-50 text-red-900' },
  warning: { icon: '⚠', label: 'Warning', style: 'border-amber-600 bg-amber-50 text-amber-900' },
  info: { icon: 'ℹ', label: 'Note', style: 'border-slate-500 bg-slate-50 text-slate-900' },
} as const;

/** Analyzer findings, each with its one-click fix when the analyzer offers one. */
export function FindingsList({ findings }: { findings: readonly Finding[] }) {
  if (findings.length === 0) {
    return (
      <p className="text-sm text-green-900">
        <span aria-hidden="true">✓ </span>No findings.
      </p>
    );
  }
  return (
    <ul className="flex flex-col gap-1.5" aria-label="Analyzer findings">
      {findings.map((finding, index) => {
        const look = SEVERITY[finding.severity];
        return (
          <li key={`${finding.code}-${index}`} data-finding={finding.code} className={`rounded border-l-4 p-2 text-sm ${look.style}`}>
            <p>
              <span aria-hidden="true">{look.icon} </span>
              <span className="font-semibold">{look.label}:</span> {finding.message}
            </p>
            {finding.fix ? (
              <button
                type="button"
                onClick={() => {
                  if (finding.fix) appStore.getState().edit(finding.fix.action);
                }}
                className="mt-1 rounded border border-current bg-white px-2 py-0.5 text-xs font-semibold hover:bg-slate-100"
              >
                {finding.fix.label}
              </button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

import { useQuery } from '@tanstack/react-query';
import { formatBytes } from '../../../shared/bytes/formatBytes.ts';
import type { BuildRecord } from '../../../shared/api/types.ts';
import {
  BUILDS_QUERY_KEY,
  buildEventsUrl,
  buildImageUrl,
  buildSbomUrl,
  listBuilds,
} from '../api/buildApi.ts';
import { appStore, useAppStore } from '../store/useAppStore.ts';

const STATUS_ICON = { queued: '…', running: '▶', succeeded: '✓', failed: '✕', cancelled: '⊘' } as const;

/** A past build's log replays into the build panel from the server's stored events. */
function replay(build: BuildRecord): void {
  appStore.getState().startBuild(build.id, buildEventsUrl(build.id), build.design);
  appStore.getState().announce(`Replaying the log of build ${build.id}.`);
}

/** Builds of the saved design (or, unsaved, the most recent ones): status, size, digest, downloads. */
export function BuildHistory() {
  const designId = useAppStore((s) => s.saved?.id ?? null);
  const shownId = useAppStore((s) => s.build?.id ?? '');
  const builds = useQuery({ queryKey: [...BUILDS_QUERY_KEY, designId], queryFn: () => listBuilds(designId) });

  return (
    <section aria-labelledby="history-heading" className="flex min-w-0 flex-col gap-2" data-testid="build-history">
      <h3 id="history-heading" className="font-semibold">
        {designId ? 'Builds of this saved design' : 'Recent builds (save the design to keep its own history)'}
      </h3>
      {builds.isError ? (
        <p className="text-sm text-red-900">Could not load the builds: {builds.error.message}</p>
      ) : null}
      {builds.data && builds.data.length === 0 ? (
        <p className="text-sm text-slate-700">No builds yet.</p>
      ) : null}
      {builds.data && builds.data.length > 0 ? (
        // On a phone the table is wider than the screen: it scrolls inside its own box, not the page.
        <div className="max-w-full min-w-0 overflow-x-auto" tabIndex={0} role="region" aria-label="Past builds table">
          <table className="w-full table-fixed text-left text-xs [overflow-wrap:anywhere]">
            <caption className="sr-only">Past builds, newest first</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col">Started</th>
                <th scope="col">Status</th>
                <th scope="col">Size</th>
                <th scope="col">Digest</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {builds.data.map((b) => (
                <tr
                  key={b.id}
                  data-testid="history-build"
                  data-build-id={b.id}
                  className="border-b border-slate-200 align-top"
                >
                  <td>
                    <time dateTime={b.createdAt}>{new Date(b.createdAt).toLocaleString()}</time>
                    <span className="block text-slate-700">
                      {b.engine}
                      {b.rebuildOf ? ' · rebuild' : ''}
                    </span>
                  </td>
                  <td data-testid="history-status" data-status={b.status}>
                    <span aria-hidden="true">{STATUS_ICON[b.status]} </span>
                    {b.status}
                  </td>
                  <td>{b.result ? formatBytes(b.result.contentBytes) : '—'}</td>
                  <td className="max-w-40 truncate font-mono" title={b.result?.imageDigest}>
                    {b.result ? b.result.imageDigest.slice(0, 19) : '—'}
                  </td>
                  <td>
                    <span className="flex flex-wrap gap-1">
                      <button
                        type="button"
                        className="toolbar-button"
                        aria-label={`Replay the log of build ${b.id}`}
                        aria-pressed={shownId === b.id}
                        onClick={() => replay(b)}
                      >
                        Log
                      </button>
                      {b.status === 'succeeded' ? (
                        <>
                          <a
                            className="toolbar-button"
                            href={buildImageUrl(b.id)}
                            aria-label={`Download the image of build ${b.id}`}
                          >
                            Image
                          </a>
                          {b.result?.sbom ? (
                            <a
                              className="toolbar-button"
                              href={buildSbomUrl(b.id, 'spdx')}
                              aria-label={`Download the SPDX SBOM of build ${b.id}`}
                            >
                              SBOM
                            </a>
                          ) : null}
                        </>
                      ) : null}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

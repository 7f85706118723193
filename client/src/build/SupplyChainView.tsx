import { useState } from 'react';
import type { BuildResult } from '../../../shared/api/types.ts';
import type { Design } from '../../../shared/design/types.ts';
import { buildSbomUrl, buildSignatureUrl, rebuild } from '../api/buildApi.ts';
import { appStore } from '../store/useAppStore.ts';
import { ComparisonResult } from './ComparisonResult.tsx';
import { SignatureBadges } from './SignatureBadges.tsx';

/** Signatures (verified by the server), SBOM and bundle downloads, and Rebuild and compare. */
export function SupplyChainView({ id, result, design }: { id: string; result: BuildResult; design: Design | null }) {
  const [rebuildError, setRebuildError] = useState('');
  const base = `${design?.name ?? 'image'}-${design?.tag ?? 'latest'}`;

  const rebuildAndCompare = async () => {
    setRebuildError('');
    try {
      const created = await rebuild(id);
      // The panel follows the rebuild; its result carries the comparison.
      appStore.getState().startBuild(created.id, created.eventsUrl, design);
      appStore.getState().announce(`Rebuilding build ${id} to compare.`);
    } catch (error) {
      setRebuildError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className="flex flex-col gap-2">
      {result.comparison ? <ComparisonResult comparison={result.comparison} /> : null}
      {result.signature ? <SignatureBadges buildId={id} imageDigest={result.imageDigest} /> : null}
      <div className="flex flex-wrap gap-2">
        {result.sbom?.formats.includes('spdx') ? (
          <a className="toolbar-button" href={buildSbomUrl(id, 'spdx')} download={`${base}.spdx.json`}>
            Download SBOM (SPDX)
          </a>
        ) : null}
        {result.sbom?.formats.includes('cyclonedx') ? (
          <a className="toolbar-button" href={buildSbomUrl(id, 'cyclonedx')} download={`${base}.cdx.json`}>
            Download SBOM (CycloneDX)
          </a>
        ) : null}
        {result.signature ? (
          <a className="toolbar-button" href={buildSignatureUrl(id)} download={`${base}.signature.json`}>
            Download signature bundle
          </a>
        ) : null}
        <button type="button" className="toolbar-button" onClick={() => void rebuildAndCompare()}>
          Rebuild and compare
        </button>
      </div>
      {rebuildError ? (
        <p role="alert" className="text-sm text-red-900">
          Rebuild failed to start: {rebuildError}
        </p>
      ) : null}
    </div>
  );
}

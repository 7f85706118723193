import { formatBytes } from '../../../shared/bytes/formatBytes.ts';
import type { BuildResult } from '../../../shared/api/types.ts';
import { generateContainerfile } from '../../../shared/containerfile/generateContainerfile.ts';
import type { Design } from '../../../shared/design/types.ts';
import { buildContextUrl, buildImageUrl } from '../api/buildApi.ts';
import { downloadText } from '../common/downloadText.ts';
import { useCatalogContext } from '../common/pageContexts.ts';
import { exactBytes } from '../budget/budgetLevel.ts';
import { CopyLine } from './CopyLine.tsx';
import { SupplyChainView } from './SupplyChainView.tsx';

/** Measured sizes against the plan, digest, smoke output and downloads. */
export function BuildResultView({ id, result, design }: { id: string; result: BuildResult; design: Design | null }) {
  const { items } = useCatalogContext();
  const name = design?.name ?? 'image';
  const tag = design?.tag ?? 'latest';
  const archive = `${name}-${tag}.oci.tar`;
  return (
    <div className="flex flex-col gap-3 text-sm">
      <p className={result.withinBudget ? 'font-semibold text-green-900' : 'font-semibold text-red-900'}>
        <span aria-hidden="true">{result.withinBudget ? '✓ ' : '✕ '}</span>
        {result.withinBudget ? 'Within budget' : 'Over budget'}: {formatBytes(result.contentBytes)} measured of{' '}
        {formatBytes(result.targetBytes)} (planned {formatBytes(result.plannedBytes)}; compressed {formatBytes(result.compressedBytes)})
      </p>
      <p>
        Digest: <code data-testid="build-digest" className="break-all font-mono text-xs">{result.imageDigest}</code>
      </p>
      <SupplyChainView id={id} result={result} design={design} />
      <table className="w-full text-left text-xs">
        <caption className="sr-only">Measured size per layer against the plan</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col">Layer</th>
            <th scope="col">Planned</th>
            <th scope="col">Measured</th>
            <th scope="col">Files</th>
            <th scope="col">Compressed</th>
          </tr>
        </thead>
        <tbody>
          {result.layers.map((layer, i) => (
            <tr key={`${i}-${layer.name}`} className="border-b border-slate-200">
              <th scope="row" className="font-medium">{layer.name}</th>
              <td title={exactBytes(layer.plannedBytes)}>{formatBytes(layer.plannedBytes)}</td>
              <td title={exactBytes(layer.contentBytes)}>{formatBytes(layer.contentBytes)}</td>
              <td>{layer.fileCount}</td>
              <td title={exactBytes(layer.compressedBytes)}>{formatBytes(layer.compressedBytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.smoke ? (
        <div>
          <p className="font-semibold">
            Smoke test: {result.smoke.skippedReason ? `skipped (${result.smoke.skippedReason})` : `exit ${result.smoke.exitCode ?? '—'}`}
          </p>
          {result.smoke.output ? (
            <pre className="mt-1 max-h-40 overflow-auto rounded bg-slate-900 p-2 font-mono text-xs text-slate-50">{result.smoke.output}</pre>
          ) : null}
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <a className="toolbar-button" href={buildImageUrl(id)} download={archive}>
          Download image (OCI archive)
        </a>
        <a className="toolbar-button" href={buildContextUrl(id)} download={`${name}-${tag}-context.tar.gz`}>
          Download build context
        </a>
        {design ? (
          <button type="button" className="toolbar-button" onClick={() => downloadText('Containerfile', generateContainerfile(design, items))}>
            Download Containerfile
          </button>
        ) : null}
      </div>
      <CopyLine text={`podman load -i ${archive}`} />
      <CopyLine text={`podman run --rm ${name}:${tag}`} />
    </div>
  );
}

import type { ImageComparison } from '../../../shared/api/types.ts';

/** A rebuild's answer: byte-identical to the original, or where they first differ. */
export function ComparisonResult({ comparison }: { comparison: ImageComparison }) {
  if (comparison.identical) {
    return (
      <p role="status" data-testid="comparison" data-identical="true" className="font-semibold text-green-900">
        <span aria-hidden="true">✓ </span>
        Rebuild is identical to build {comparison.against}: same image digest.
      </p>
    );
  }
  const layer = comparison.layerName ? `layer ${comparison.layerIndex} (${comparison.layerName})` : `layer ${comparison.layerIndex}`;
  return (
    <p role="status" data-testid="comparison" data-identical="false" className="font-semibold text-red-900">
      <span aria-hidden="true">✕ </span>
      Rebuild differs from build {comparison.against}: first at {layer}
      {comparison.path ? (
        <>
          , path <code className="font-mono">{comparison.path}</code>
        </>
      ) : null}{' '}
      — {comparison.reason}
    </p>
  );
}

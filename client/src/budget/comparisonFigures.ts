/** A reference image size with where the figure comes from (PRODUCT.md §2). */
export interface ComparisonFigure {
  name: string;
  bytes: number;
  /** Shown as the tooltip: never a figure we cannot back. */
  source: string;
}

const MIB = 1_048_576;
const DISTROLESS = 'Source: GoogleContainerTools/distroless README (image sizes, MiB, uncompressed)';

export const COMPARISON_FIGURES: readonly ComparisonFigure[] = [
  { name: 'gcr.io/distroless/static', bytes: 2 * MIB, source: DISTROLESS },
  { name: 'alpine', bytes: 5 * MIB, source: DISTROLESS },
  {
    name: 'Lago Grey seed image',
    bytes: 14_600_000,
    source: 'Source: Lago Grey seed build log: the first assembled image, 14.6 MB against the 17.5 MB target',
  },
  { name: 'debian', bytes: 124 * MIB, source: DISTROLESS },
];

import { FLOE_LIMIT_BYTES, GLACIER_FROM_BYTES } from '../../../shared/catalog/formationOf.ts';
import { formatBytes } from '../../../shared/bytes/formatBytes.ts';
import { ClassBadge } from '../common/ClassBadge.tsx';
import type { ComponentClass } from '../common/componentClass.ts';
import { CLASS_MEANING } from '../common/componentClass.ts';
import { SCALE_NOTE } from './canvasScale.ts';

const CLASSES: ComponentClass[] = ['floe', 'iceberg', 'glacier', 'base'];

/** What the canvas's colours, shapes, hatching and scale mean, and the image's own class. */
export function StackLegend({ imageClass, totalBytes }: { imageClass: ComponentClass; totalBytes: number }) {
  return (
    <div data-testid="stack-legend" className="flex flex-col gap-2 rounded-lg border border-slate-300 bg-white p-2 text-xs text-slate-800">
      <p>{SCALE_NOTE}</p>
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-2">
        {CLASSES.map((c) => (
          <div key={c} className="flex items-center gap-2">
            <dt>
              <ClassBadge componentClass={c} />
            </dt>
            <dd>{CLASS_MEANING[c]}</dd>
          </div>
        ))}
      </dl>
      <p className="flex flex-wrap items-center gap-3">
        <span className="inline-flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-3 w-6 rounded-sm border-2 border-slate-600 bg-slate-300" /> measured bytes
        </span>
        <span className="inline-flex items-center gap-1">
          <span aria-hidden="true" className="hatched inline-block h-3 w-6 rounded-sm border-2 border-dashed border-slate-600 bg-slate-300" />{' '}
          estimate (planned or not built yet)
        </span>
      </p>
      <p className="flex flex-wrap items-center gap-2">
        This image: {formatBytes(totalBytes)}, so <ClassBadge componentClass={imageClass} />
        <span>
          (floe under {formatBytes(FLOE_LIMIT_BYTES)}, glacier from {formatBytes(GLACIER_FROM_BYTES)}).
        </span>
      </p>
    </div>
  );
}

import { useMemo } from 'react';
import { useCatalogContext } from '../common/pageContexts.ts';
import { useAppStore } from '../store/useAppStore.ts';
import { AddBinaryCard } from './AddBinaryCard.tsx';
import { AddPlannedForm } from './AddPlannedForm.tsx';
import { groupCatalog } from './groupCatalog.ts';
import { plannedItems } from './plannedItems.ts';
import { PaletteCard } from './PaletteCard.tsx';

/** The catalog, grouped Floes / Icebergs / Glaciers, with a search box. */
export function Palette() {
  const { items, source } = useCatalogContext();
  const search = useAppStore((s) => s.search);
  const setSearch = useAppStore((s) => s.setSearch);
  const layers = useAppStore((s) => s.design.layers);
  const planned = useAppStore((s) => s.design.planned);
  const used = useMemo(() => new Set(layers.flatMap((l) => l.components)), [layers]);
  const all = useMemo(() => [...items, ...plannedItems(planned)], [items, planned]);
  const groups = useMemo(() => groupCatalog(all, search), [all, search]);

  return (
    <section aria-labelledby="palette-heading" className="flex min-h-0 flex-1 flex-col gap-3">
      <h2 id="palette-heading" className="text-lg font-bold">
        Components
      </h2>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Search
        <input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="name, category…"
          className="rounded border border-slate-400 px-2 py-1 font-normal"
        />
      </label>
      {source === 'loading' ? <p className="text-sm text-slate-700">Loading the catalog…</p> : null}
      {source === 'fallback' ? (
        <p role="alert" className="rounded bg-iceberg-bg p-2 text-sm text-iceberg-fg">
          The server's catalog could not be loaded; showing estimated sizes. Check that the server runs, then reload.
        </p>
      ) : null}
      <div className="flex min-h-0 flex-1 flex-col gap-4 overflow-x-hidden overflow-y-auto pr-1">
        {groups.map((group) => (
          <section key={group.formation} aria-label={group.title}>
            <h3 className="mb-1 text-sm font-bold uppercase tracking-wide text-slate-700">
              {group.title} <span className="font-normal">({group.items.length})</span>
            </h3>
            {group.items.length === 0 ? (
              <p className="text-xs text-slate-700">{search ? 'No match.' : 'None.'}</p>
            ) : (
              <ul className="flex flex-col gap-2">
                {group.items.map((item) => (
                  <PaletteCard key={item.id} item={item} inDesign={used.has(item.id)} />
                ))}
              </ul>
            )}
          </section>
        ))}
        <AddBinaryCard />
        <AddPlannedForm />
      </div>
    </section>
  );
}

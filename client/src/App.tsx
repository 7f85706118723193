import { BudgetPanel } from './budget/BudgetPanel.tsx';
import { BuildPanel } from './build/BuildPanel.tsx';
import { NoticeBar } from './common/NoticeBar.tsx';
import { BudgetContext, CatalogContext } from './common/pageContexts.ts';
import { useBudget } from './common/useBudget.ts';
import { useCatalogItems } from './common/useCatalogItems.ts';
import { DesignDndProvider } from './dnd/DesignDndProvider.tsx';
import { Palette } from './palette/Palette.tsx';
import { ImageSettings } from './settings/ImageSettings.tsx';
import { StackCanvas } from './stack/StackCanvas.tsx';
import { Toolbar } from './toolbar/Toolbar.tsx';

/** The designer page: palette, stack, budget and settings, toolbar, build. */
export function App() {
  const catalog = useCatalogItems();
  const budget = useBudget(catalog.items);
  return (
    <CatalogContext value={catalog}>
      <BudgetContext value={budget}>
        <div className="flex min-h-screen min-w-0 flex-col overflow-x-clip">
          <header className="sticky top-0 z-30 flex flex-wrap items-center justify-between gap-3 border-b border-slate-300 bg-white px-4 py-2">
            <h1 className="text-xl font-bold">
              Lago Grey Designer <span className="text-sm font-normal text-slate-700">minimal images, measured</span>
            </h1>
            <Toolbar />
          </header>
          <div className="px-4 pt-2">
            <NoticeBar />
          </div>
          <DesignDndProvider>
            <main className="grid flex-1 grid-cols-1 gap-4 p-4 lg:grid-cols-[17rem_minmax(0,1fr)_22rem]">
              <div className="lg:sticky lg:top-28 lg:flex lg:max-h-[calc(100vh-8rem)] lg:flex-col lg:self-start">
                <Palette />
              </div>
              <div className="flex min-w-0 flex-col gap-4">
                <StackCanvas />
                <BuildPanel />
              </div>
              <aside className="flex flex-col gap-6" aria-label="Budget and settings">
                <BudgetPanel />
                <ImageSettings />
              </aside>
            </main>
          </DesignDndProvider>
        </div>
      </BudgetContext>
    </CatalogContext>
  );
}

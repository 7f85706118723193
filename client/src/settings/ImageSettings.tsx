import { useMemo } from 'react';
import { useCatalogContext } from '../common/pageContexts.ts';
import { appStore, useAppStore } from '../store/useAppStore.ts';
import { formatKeyValues, joinArgs, parseKeyValues, splitArgs } from './argsText.ts';
import { SettingField, type ToAction } from './SettingField.tsx';

const NONROOT = '65532:65532';
const ROOT = '0:0';
const isRoot = (user: string) => user === 'root' || user === '0' || user === ROOT;

const targetAction: ToAction = (text) => {
  const mb = Number(text.trim());
  if (!Number.isFinite(mb) || text.trim() === '') return { error: 'target must be a number of MB, e.g. 17.5' };
  return { type: 'setTarget', targetBytes: Math.round(mb * 1_000_000) };
};

const keyValueAction =
  (field: 'env' | 'labels'): ToAction =>
  (text) => {
    const parsed = parseKeyValues(text);
    if (!parsed.ok) return { error: `"${parsed.line}" is not KEY=value` };
    return { type: 'setConfig', patch: { [field]: parsed.value } };
  };

/** Name, tag, target, entrypoint, cmd, user, workdir, env and labels. */
export function ImageSettings() {
  const design = useAppStore((s) => s.design);
  const { byId } = useCatalogContext();
  const binaries = useMemo(
    () => [...new Set(design.layers.flatMap((l) => l.components.flatMap((id) => byId.get(id)?.binaries ?? [])))],
    [design.layers, byId],
  );
  const { config } = design;

  return (
    <section aria-labelledby="settings-heading" className="flex flex-col gap-3">
      <h2 id="settings-heading" className="text-lg font-bold">
        Image settings
      </h2>
      <div className="grid grid-cols-2 gap-2">
        <SettingField label="Name" value={design.name} toAction={(name) => ({ type: 'setMeta', name })} />
        <SettingField label="Tag" value={design.tag} toAction={(tag) => ({ type: 'setMeta', tag })} />
      </div>
      <SettingField
        label="Target (MB)"
        value={String(design.targetBytes / 1_000_000)}
        toAction={targetAction}
        inputMode="decimal"
        hint="Decimal megabytes: 17.5 MB = 17,500,000 bytes."
      />
      <datalist id="entrypoint-binaries">
        {binaries.map((b) => (
          <option key={b} value={b} />
        ))}
      </datalist>
      <SettingField
        label="Entrypoint"
        value={joinArgs(config.entrypoint)}
        list="entrypoint-binaries"
        toAction={(text) => ({ type: 'setConfig', patch: { entrypoint: splitArgs(text) } })}
        hint={binaries.length ? `Binaries in this design: ${binaries.join(', ')}` : 'Add a binary to choose it here, or type a path.'}
      />
      <SettingField
        label="Cmd (arguments)"
        value={joinArgs(config.cmd)}
        toAction={(text) => ({ type: 'setConfig', patch: { cmd: splitArgs(text) } })}
        hint='Space-separated; quote with "…".'
      />
      <fieldset className="flex flex-col gap-1 text-sm">
        <legend className="font-medium">User</legend>
        {[
          { value: NONROOT, label: 'nonroot (65532)' },
          { value: ROOT, label: 'root (0)' },
        ].map((option) => (
          <label key={option.value} className="flex items-center gap-2">
            <input
              type="radio"
              name="image-user"
              checked={option.value === ROOT ? isRoot(config.user) : config.user === option.value}
              onChange={() => appStore.getState().edit({ type: 'setConfig', patch: { user: option.value } })}
            />
            {option.label}
          </label>
        ))}
        {!isRoot(config.user) && config.user !== NONROOT ? <span>Custom: {config.user}</span> : null}
      </fieldset>
      <SettingField
        label="Workdir"
        value={config.workdir}
        toAction={(workdir) => ({ type: 'setConfig', patch: { workdir } })}
      />
      <SettingField
        label="Environment (KEY=value per line)"
        value={formatKeyValues(config.env)}
        multiline
        commit="blur"
        toAction={keyValueAction('env')}
      />
      <SettingField
        label="Labels (key=value per line)"
        value={formatKeyValues(config.labels)}
        multiline
        commit="blur"
        toAction={keyValueAction('labels')}
      />
    </section>
  );
}

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { setApiToken } from '../api/apiToken.ts';
import { useAppStore } from '../store/useAppStore.ts';

/** Asked once when the server requires a token; kept for this browser session. */
export function TokenPrompt() {
  const required = useAppStore((s) => s.tokenRequired);
  const setRequired = useAppStore((s) => s.setTokenRequired);
  const queryClient = useQueryClient();
  const [token, setToken] = useState('');
  if (!required) return null;
  return (
    <form
      className="flex flex-wrap items-end gap-2 rounded-md border border-amber-600 bg-amber-50 p-2 text-sm text-amber-900"
      onSubmit={(event) => {
        event.preventDefault();
        if (!token.trim()) return;
        setApiToken(token.trim());
        setRequired(false);
        void queryClient.invalidateQueries();
      }}
    >
      <p className="basis-full">
        This server requires an API token (it was started with LAGO_API_TOKEN). Ask whoever runs it; it is kept for this
        browser session only.
      </p>
      <label className="flex flex-col gap-1 font-medium">
        API token
        <input
          type="password"
          autoComplete="off"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          className="rounded border border-slate-500 bg-white px-2 py-1 font-normal text-slate-900"
        />
      </label>
      <button type="submit" className="primary-button">
        Use token
      </button>
    </form>
  );
}

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from './api/ApiError.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { openDesignFromUrl } from './saved/openDesignFromUrl.ts';
import { startServerAutosave } from './saved/startServerAutosave.ts';
import { startAutosave } from './store/startAutosave.ts';
import { startSavedRef } from './store/startSavedRef.ts';
import { appStore } from './store/useAppStore.ts';
import './styles.css';

startAutosave(appStore, window.localStorage);
startSavedRef(appStore, window.localStorage);
startServerAutosave(appStore);
void openDesignFromUrl(appStore, window.location, window.history);

// Any 401 means the server wants its API token: ask for it once.
const onError = (error: Error) => {
  if (error instanceof ApiError && error.status === 401) appStore.getState().setTokenRequired(true);
};
const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: { retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 1, refetchOnWindowFocus: false },
  },
});
const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);

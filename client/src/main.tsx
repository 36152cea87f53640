import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { config as zodConfig } from 'zod';
import { ApiRequestError } from './api/http.js';
import { App } from './components/App.js';
import { setLanguage } from './i18n/index.js';
import { offlineWiper } from './offline/idb.js';
import { applyTheme } from './settings/appearance.js';
import { readLocalSettings } from './settings/localCopy.js';
import './styles.css';

// The app runs under script-src 'self' (no unsafe-eval): keep zod from
// probing `new Function`, which the CSP would block and report.
zodConfig({ jitless: true });

// The last signed-in user's theme and language, before the first paint (no
// flash of the light theme on reload); the server's copy replaces them once
// the session is known (settings/useApplySettings.ts).
const lastSettings = readLocalSettings()?.settings;
applyTheme(lastSettings?.theme ?? 'system');
if (lastSettings?.language) void setLanguage(lastSettings.language);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Retrying a 4xx only repeats the same refusal; a flaky network or a
      // restarting mail server deserves one more try.
      retry: (failures, err) =>
        !(err instanceof ApiRequestError && err.status >= 400 && err.status < 500) && failures < 2,
    },
    mutations: { retry: false },
  },
});

// The app shell's service worker (client/sw/sw.js): production builds only,
// and only over https, where browsers allow one at all.
if (import.meta.env.PROD && location.protocol === 'https:' && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined));
}

// A sign-out whose wipe of the saved mail did not finish (the tab closed, the
// storage refused): finish it first. Until it has, the store serves nothing of
// that account (offline/idb.ts), and WipeNotice says why if it fails again.
void offlineWiper.finishPending();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);

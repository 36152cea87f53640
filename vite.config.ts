import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The SPA lives in client/; the Node server serves dist/client over HTTPS.
// No inline script anywhere in the output, so the app's CSP can forbid it.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    // Keep modulepreload polyfill out: it is an inline script.
    modulePreload: { polyfill: false },
  },
  server: {
    // `npm run dev:client` talks to a running server (npm start) through this proxy.
    proxy: {
      '/api': { target: 'https://127.0.0.1:8443', secure: false },
      '/socket.io': { target: 'https://127.0.0.1:8443', secure: false, ws: true },
    },
  },
});

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Emits the service worker (client/sw/sw.js) as /sw.js with the build's
 * hashed asset list and a version made from it: the worker precaches exactly
 * this build's shell, and each deploy changes its bytes, so browsers install
 * the new one and drop the old cache. (A file in public/ could not know the
 * hashed names; sourcemaps are left out, the shell does not need them.)
 */
function serviceWorker(): Plugin {
  return {
    name: 'webmail-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => f.startsWith('assets/') && !f.endsWith('.map'))
        .sort()
        .map((f) => `/${f}`);
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16);
      const source = readFileSync(new URL('./client/sw/sw.js', import.meta.url), 'utf8')
        .replace('__VERSION__', version)
        .replace('__SHELL_FILES__', JSON.stringify(files));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

// The SPA lives in client/; the Node server serves dist/client over HTTPS.
// No inline script anywhere in the output, so the app's CSP can forbid it.
export default defineConfig({
  root: 'client',
  plugins: [react(), serviceWorker()],
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

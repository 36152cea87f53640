// The app shell's service worker (issue 4 §5), emitted as /sw.js by the
// plugin in vite.config.ts, which fills in the build's asset list and version.
//
// It caches only the app itself: index.html and the hashed files under
// /assets. Mail never goes in here — /api/* and /socket.io/* pass straight
// through — because Cache Storage cannot be scoped to a user or wiped at
// sign-out; the app keeps mail in IndexedDB instead (client/src/offline/).
const VERSION = '__VERSION__';
const SHELL_FILES = __SHELL_FILES__;
const CACHE = `shell-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(['/', ...SHELL_FILES]))
      .then(() => self.skipWaiting()),
  );
});

// A new build's worker drops the old build's files.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/socket.io/')) return;

  if (request.mode === 'navigate') {
    // Network first, so a deploy shows at once; the cached page when the link is dead.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            void caches.open(CACHE).then((cache) => cache.put('/', copy));
          }
          return response;
        })
        .catch(() => caches.match('/', { cacheName: CACHE }).then((hit) => hit || Response.error())),
    );
    return;
  }

  if (url.pathname.startsWith('/assets/')) {
    // Hashed names never change content: cache first, and keep what was fetched.
    event.respondWith(
      caches.open(CACHE).then((cache) =>
        cache.match(request).then(
          (hit) =>
            hit ||
            fetch(request).then((response) => {
              if (response.ok) void cache.put(request, response.clone());
              return response;
            }),
        ),
      ),
    );
  }
});

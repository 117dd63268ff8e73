/**
 * The service worker: keeps the app shell (index.html and every built chunk) so Codraft opens
 * without a network. Navigations go to the network first (short timeout for weak connections)
 * and fall back to the cached shell; content-hashed assets come from the cache first. The API,
 * the collaboration websocket and the published keys (/.well-known) are never touched: live data
 * is Yjs + IndexedDB's business.
 * Built by client/build/service-worker-plugin.ts, which fills in the precache manifest.
 */

// The DOM and WebWorker type libraries cannot be loaded together; declare what is used here.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response> | Response): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}
declare const __PRECACHE_MANIFEST__: { version: string; files: string[] };

const worker = self as unknown as WorkerScope;
const manifest = __PRECACHE_MANIFEST__;
const cacheName = `codraft-shell-${manifest.version}`;
const shellUrl = '/index.html';
const navigationTimeoutMs = 3000;
// The JWKS too: a key rotated after this shell was cached must reach the badge's verifier.
const passThrough = /^\/(api|collab|\.well-known)(\/|$)|^\/(health|ready)$/;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) => cache.addAll(manifest.files))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('codraft-shell-') && n !== cacheName).map((n) => caches.delete(n))))
      .then(() => worker.clients.claim()),
  );
});

/** The network's answer within the timeout, else the cached shell (or the network's late answer). */
async function navigate(request: Request): Promise<Response> {
  const cache = await caches.open(cacheName);
  const network = fetch(request).then((response) => {
    if (response.ok && response.headers.get('content-type')?.includes('text/html')) void cache.put(shellUrl, response.clone());
    return response;
  });
  const timeout = new Promise<undefined>((resolve) => setTimeout(resolve, navigationTimeoutMs, undefined));
  try {
    const first = await Promise.race([network, timeout]);
    if (first) return first;
    return (await cache.match(shellUrl)) ?? (await network);
  } catch {
    return (await cache.match(shellUrl)) ?? Response.error();
  }
}

/** Cached copy first; on a miss, fetch and keep it (hashed names never change content). */
async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) void cache.put(request, response.clone());
  return response;
}

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin || passThrough.test(url.pathname)) return;
  if (request.mode === 'navigate') event.respondWith(navigate(request));
  else event.respondWith(cacheFirst(request));
});

/**
 * Serves the built web client (`dist/client`, made by `vite build`): files as they are (sent
 * precompressed when the browser accepts br/gzip), and index.html for any other GET that is not
 * the API, the collaboration websocket or a health probe (the client routes in the browser).
 * Content-hashed files under /assets are cached for a year; index.html and the service worker
 * are revalidated on every load so a deploy is picked up at once.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { AppEnv } from './env';

export const defaultClientDir = fileURLToPath(new URL('../../dist/client', import.meta.url));

const notClient = /^\/(api|collab|\.well-known)(\/|$)|^\/(health|ready)$/;

const cacheControl = (path: string) =>
  /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';

const withCaching = (response: Response | void, path: string) => {
  response?.headers.set('Cache-Control', cacheControl(path));
  return response;
};

/** Static client routes; a no-op (everything falls through to 404) when the client is not built. */
export function clientRoutes(root = defaultClientDir) {
  const app = new Hono<AppEnv>();
  if (!existsSync(root)) return app;
  const files = serveStatic<AppEnv>({ root, precompressed: true });
  const shell = serveStatic<AppEnv>({ root, path: 'index.html', precompressed: true });
  const none = async () => {};
  app.get('*', async (c, next) => {
    if (notClient.test(c.req.path)) return next();
    const file = await files(c, none);
    if (file) return withCaching(file, c.req.path);
    // A missing file with an extension is a real 404 (e.g. an asset of an older build).
    if (/\.[a-z0-9]+$/i.test(c.req.path)) return next();
    return withCaching(await shell(c, none), 'index.html') ?? next();
  });
  return app;
}

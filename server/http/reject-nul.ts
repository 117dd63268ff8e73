/**
 * A NUL character anywhere in the path or query string is refused with a 400 naming where it
 * was, before any route runs: Postgres refuses `\u0000` in text, so it would otherwise be a 500
 * (bodies are checked by validate.ts, which names the field).
 */
import { createMiddleware } from 'hono/factory';
import { validationFailed } from '../errors';
import type { AppEnv } from './env';

export const rejectNul = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const url = new URL(c.req.url);
    if (/%00/.test(url.pathname) || url.pathname.includes('\u0000')) {
      throw validationFailed('Invalid path: must not contain a NUL character (\\u0000)', [{ path: '(path)', message: 'must not contain a NUL character' }]);
    }
    for (const [key, value] of url.searchParams) {
      if (key.includes('\u0000') || value.includes('\u0000')) {
        const name = key.replaceAll('\u0000', '\\u0000');
        throw validationFailed(`Invalid query: ${name}: must not contain a NUL character (\\u0000)`, [{ path: name, message: 'must not contain a NUL character' }]);
      }
    }
    await next();
  });

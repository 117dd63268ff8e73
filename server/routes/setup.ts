/** TODO(issue 2): setup routes. */
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import type { AppEnv } from '../http/env';

export const setupRoutes = (_deps: AppDeps) => new Hono<AppEnv>();

/** TODO(issue 2): auth routes. */
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import type { AppEnv } from '../http/env';

export const authRoutes = (_deps: AppDeps) => new Hono<AppEnv>();

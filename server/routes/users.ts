/** TODO(issue 2): users routes. */
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import type { AppEnv } from '../http/env';

export const userRoutes = (_deps: AppDeps) => new Hono<AppEnv>();

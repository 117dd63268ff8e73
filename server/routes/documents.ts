/** TODO(issue 2): documents routes. */
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import type { AppEnv } from '../http/env';

export const documentRoutes = (_deps: AppDeps) => new Hono<AppEnv>();

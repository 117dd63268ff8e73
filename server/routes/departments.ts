/** TODO(issue 2): departments routes. */
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import type { AppEnv } from '../http/env';

export const departmentRoutes = (_deps: AppDeps) => new Hono<AppEnv>();

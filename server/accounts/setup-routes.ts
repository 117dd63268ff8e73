/**
 * First run. `GET /api/setup` → `{needsSetup}`; `POST /api/setup {email, name, password, department}`
 * creates the first administrator and their department, signs them in, 201 `{user}`; 409 once done.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { idleMs } from './guards';
import { setSessionCookie } from './session-cookie';
import { createSession } from './sessions';
import { setupWorkspace } from './setup-workspace';
import type { AppEnv } from '../http/env';
import { jsonBody } from '../http/validate';
import { anyUserExists, loadSessionUser } from './user-queries';
import { setupBody } from '../../shared/api';
import { presentUser } from '../http/presenters';

export const setupRoutes = ({ db, config }: AppDeps) =>
  new Hono<AppEnv>()
    .get('/', async (c) => c.json({ needsSetup: !(await anyUserExists(db)) }))
    .post('/', jsonBody(setupBody), async (c) => {
      const created = await setupWorkspace(db, c.req.valid('json'));
      const { token } = await createSession(db, created.id, idleMs(config));
      setSessionCookie(c, token, idleMs(config));
      c.var.log.info({ userId: created.id }, 'first administrator created');
      return c.json({ user: presentUser((await loadSessionUser(db, created.id))!) }, 201);
    });

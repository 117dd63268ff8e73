/**
 * People, administrators only. `GET /` everyone (disabled included); `POST /` adds someone;
 * `PATCH /:id` changes name, departments and roles in them, admin and clerk flags, or disables/enables
 * (ending their sessions).
 */
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { signedIn } from './guards';
import { requireAdmin } from './middleware';
import { createUser } from './create-user';
import { updateUser } from './update-user';
import type { AppEnv } from '../http/env';
import { jsonBody } from '../http/validate';
import { departmentsByUser, listAllUsers, type UserRecord } from './user-queries';
import type { Executor } from '../db/client';
import { createUserBody, membershipsOf, updateUserBody } from '../../shared/api';
import { idParam } from '../http/params';
import { presentAdminUser } from '../http/presenters';

const present = async (db: Executor, user: UserRecord) =>
  presentAdminUser(user, (await departmentsByUser(db, [user.id])).get(user.id) ?? []);

export const userRoutes = (deps: AppDeps) => {
  const { db, collab } = deps;
  return new Hono<AppEnv>()
    .use(signedIn(deps), requireAdmin)
    .get('/', async (c) => {
      const [rows, memberships] = await Promise.all([listAllUsers(db), departmentsByUser(db)]);
      return c.json({ users: rows.map((u) => presentAdminUser(u, memberships.get(u.id) ?? [])) });
    })
    .post('/', jsonBody(createUserBody), async (c) => {
      const body = c.req.valid('json');
      const user = await createUser(db, { ...body, departments: membershipsOf(body)!, departmentsField: body.departments ? 'departments' : 'departmentIds' });
      return c.json({ user: await present(db, user) }, 201);
    })
    .patch('/:id', idParam('User'), jsonBody(updateUserBody), async (c) => {
      const { id } = c.req.valid('param');
      const { user, accessChanged } = await updateUser(db, id, c.req.valid('json'));
      if (accessChanged) await collab.userChanged(id);
      return c.json({ user: await present(db, user) });
    });
};

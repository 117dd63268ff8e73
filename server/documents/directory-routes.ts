/**
 * `GET /api/directory`, for any signed-in person: the active departments and the enabled people
 * (id, name, departments with roles, clerk flag; no emails). The share dialog picks grant subjects from it.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { signedIn } from '../accounts/guards';
import type { AppEnv } from '../http/env';
import { listActiveDepartments } from '../accounts/department-queries';
import { departmentsByUser, listEnabledUsers } from '../accounts/user-queries';
import type { DirectoryDto } from '../../shared/api';

export const directoryRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>().use(signedIn(deps)).get('/', async (c) => {
    const { db } = deps;
    const [departments, people, memberships] = await Promise.all([listActiveDepartments(db), listEnabledUsers(db), departmentsByUser(db)]);
    const body: DirectoryDto = {
      departments: departments.map((d) => ({ id: d.id, name: d.name })),
      users: people.map((u) => ({ id: u.id, name: u.name, isClerk: u.isClerk, departments: memberships.get(u.id) ?? [] })),
    };
    return c.json(body);
  });

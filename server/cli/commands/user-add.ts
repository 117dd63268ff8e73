/**
 * `codraft user add --email … --name … --password … --department "Finance" [--department …] [--admin]`:
 * add a person to existing departments (named, ignoring case).
 */
import { createUser } from '../../accounts/create-user';
import { AppError } from '../../errors';
import { findActiveDepartmentByName } from '../../accounts/department-queries';
import { createUserFields } from '../../../shared/api';
import { withDatabase } from '../database';
import { UsageError, type CliCommand } from '../registry';
import { parseInput } from '../validate';

export const userAdd: CliCommand = {
  name: 'user add',
  summary: 'Add a user (optionally an administrator) to one or more departments',
  usage: [
    '--email <email>        sign-in email (unique, ignoring case)',
    '--name <name>          display name',
    '--password <password>  at least 8 characters',
    '--department <name>    an existing department; repeat for several',
    '--admin                make them an administrator',
  ],
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    password: { type: 'string' },
    department: { type: 'string', multiple: true },
    admin: { type: 'boolean', default: false },
    leader: { type: 'boolean', default: false },
    clerk: { type: 'boolean', default: false },
  },
  run: async (values) => {
    const names = (values.department as string[] | undefined) ?? [];
    const person = parseInput(createUserFields.omit({ departmentIds: true, departments: true }), {
      email: values.email,
      name: values.name,
      password: values.password,
      isAdmin: values.admin === true,
      isClerk: values.clerk === true,
    });
    const role = values.leader === true ? ('leader' as const) : ('member' as const);
    if (names.length === 0) throw new UsageError('--department: name at least one department');

    await withDatabase(async (db) => {
      const departmentIds = new Set<string>();
      for (const name of names) {
        const department = await findActiveDepartmentByName(db, name.trim());
        if (!department) {
          throw new AppError(400, 'unknown_department', `No department named "${name}". Add it first: codraft department add --name "${name}"`);
        }
        departmentIds.add(department.id);
      }
      const user = await createUser(db, { ...person, departments: [...departmentIds].map((id) => ({ id, role })) });
      const what = [user.isAdmin && 'administrator', user.isClerk && 'clerk', role === 'leader' && 'leader'].filter(Boolean).join(', ') || 'user';
      console.log(`Added ${what} ${user.name} <${user.email}> (${user.id}) to ${names.join(', ')}.`);
    });
  },
};

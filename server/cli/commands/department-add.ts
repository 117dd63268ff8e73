/** `codraft department add --name "Finance"`: add a department. */
import { createDepartment } from '../../accounts/create-department';
import { createDepartmentBody } from '../../../shared/api';
import { withDatabase } from '../database';
import type { CliCommand } from '../registry';
import { parseInput } from '../validate';

export const departmentAdd: CliCommand = {
  name: 'department add',
  summary: 'Add a department',
  usage: ['--name <name>   the department name (unique, ignoring case)'],
  options: { name: { type: 'string' } },
  run: async (values) => {
    const { name } = parseInput(createDepartmentBody, { name: values.name });
    await withDatabase(async (db) => {
      const department = await createDepartment(db, name);
      console.log(`Added department "${department.name}" (${department.id}).`);
    });
  },
};

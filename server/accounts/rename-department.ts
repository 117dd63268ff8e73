/** Renames a department. Grants and memberships point at its id, so every one stays valid. */
import type { Executor } from '../db/client';
import { notFound } from '../errors';
import { findActiveDepartmentByName, findDepartment, renameDepartment as renameRow } from './department-queries';
import { isUniqueViolation } from '../db/pg-errors';
import { duplicateDepartment } from './create-department';

export async function renameDepartment(db: Executor, departmentId: string, name: string) {
  const current = await findDepartment(db, departmentId);
  if (!current || current.mergedInto) throw notFound('Department');
  const clash = await findActiveDepartmentByName(db, name);
  if (clash && clash.id !== departmentId) throw duplicateDepartment(name);
  try {
    return (await db.transaction((tx) => renameRow(tx, departmentId, name)))!;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateDepartment(name);
    throw error;
  }
}

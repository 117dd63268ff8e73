/** Adds a department; names are unique among active departments, ignoring case. */
import type { Executor } from '../db/client';
import { conflict } from '../errors';
import { findActiveDepartmentByName, insertDepartment } from './department-queries';
import { isUniqueViolation } from '../db/pg-errors';

export const duplicateDepartment = (name: string) => conflict(`A department named "${name}" already exists`);

export async function createDepartment(db: Executor, name: string) {
  if (await findActiveDepartmentByName(db, name)) throw duplicateDepartment(name);
  try {
    // A savepoint, so a lost race leaves a caller's outer transaction usable.
    return await db.transaction((tx) => insertDepartment(tx, name));
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateDepartment(name);
    throw error;
  }
}

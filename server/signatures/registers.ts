/**
 * Registers and document types as data (data path: routes → here → registers, document_types).
 * Administrators add them; everyone signed in may read them (the submit and issue forms).
 */
import { asc } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { documentTypes, registers } from '../db/schema';
import { conflict } from '../errors';

export const listRegisters = (db: Executor) =>
  db.select({ id: registers.id, name: registers.name, series: registers.series, resetsYearly: registers.resetsYearly, isDefault: registers.isDefault }).from(registers).orderBy(asc(registers.createdAt));

export async function addRegister(db: Executor, input: { name: string; series: string; resetsYearly: boolean }) {
  const [row] = await db.insert(registers).values(input).onConflictDoNothing().returning({ id: registers.id, name: registers.name, series: registers.series, resetsYearly: registers.resetsYearly, isDefault: registers.isDefault });
  if (!row) throw conflict(`A register of series "${input.series}" exists already`);
  return row;
}

export const listDocumentTypes = (db: Executor) =>
  db.select({ code: documentTypes.code, name: documentTypes.name, isLetter: documentTypes.isLetter }).from(documentTypes).orderBy(asc(documentTypes.code));

export async function addDocumentType(db: Executor, input: { code: string; name: string; isLetter: boolean }) {
  const [row] = await db.insert(documentTypes).values(input).onConflictDoNothing().returning({ code: documentTypes.code, name: documentTypes.name, isLetter: documentTypes.isLetter });
  if (!row) throw conflict(`Document type ${input.code} exists already`);
  return row;
}

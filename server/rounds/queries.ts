/**
 * Reading rounds: rounds, round_departments, round_users, round_responses (schema/rounds.ts).
 * Every function is `fn(db, params)` so it runs alone or inside a command's transaction.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { departments, roundDepartments, roundResponses, roundUsers, rounds, userDepartments, users } from '../db/schema';
import type { RoundFacts } from '../../shared/permissions';
import type { Position, RoundRole } from '../../shared/rounds/api';

export type RoundRow = typeof rounds.$inferSelect;

export interface LoadedRound extends RoundRow, RoundFacts {
  presidingOfficerName: string;
  consulted: { departmentId: string; name: string; role: RoundRole; grantedLevel: string | null; previousLevel: string | null }[];
  people: { userId: string; name: string; grantedLevel: string | null; previousLevel: string | null }[];
}

export interface ResponseRow {
  id: string;
  departmentId: string;
  position: Position;
  summary: string;
  respondedBy: string;
  respondedByName: string;
  respondedAt: Date;
  late: boolean;
}

export async function loadRound(db: Executor, roundId: string): Promise<LoadedRound | null> {
  const [row] = await db
    .select({ round: rounds, presidingOfficerName: users.name })
    .from(rounds)
    .innerJoin(users, eq(users.id, rounds.presidingOfficerId))
    .where(eq(rounds.id, roundId));
  if (!row) return null;
  const [consulted, people] = await Promise.all([
    db
      .select({ departmentId: roundDepartments.departmentId, name: departments.name, role: roundDepartments.role, grantedLevel: roundDepartments.grantedLevel, previousLevel: roundDepartments.previousLevel })
      .from(roundDepartments)
      .innerJoin(departments, eq(departments.id, roundDepartments.departmentId))
      .where(eq(roundDepartments.roundId, roundId))
      .orderBy(sql`${roundDepartments.role} = 'lead' desc`, asc(departments.name)),
    db
      .select({ userId: roundUsers.userId, name: users.name, grantedLevel: roundUsers.grantedLevel, previousLevel: roundUsers.previousLevel })
      .from(roundUsers)
      .innerJoin(users, eq(users.id, roundUsers.userId))
      .where(eq(roundUsers.roundId, roundId))
      .orderBy(asc(users.name)),
  ]);
  return {
    ...row.round,
    presidingOfficerName: row.presidingOfficerName,
    consulted,
    people,
    departmentIds: consulted.map((c) => c.departmentId),
    userIds: people.map((p) => p.userId),
  };
}

/** Every response of the round, oldest first (the newest per department is the current one). */
export async function listResponses(db: Executor, roundId: string): Promise<ResponseRow[]> {
  return db
    .select({
      id: roundResponses.id,
      departmentId: roundResponses.departmentId,
      position: roundResponses.position,
      summary: roundResponses.summary,
      respondedBy: roundResponses.respondedBy,
      respondedByName: users.name,
      respondedAt: roundResponses.respondedAt,
      late: roundResponses.late,
    })
    .from(roundResponses)
    .innerJoin(users, eq(users.id, roundResponses.respondedBy))
    .where(eq(roundResponses.roundId, roundId))
    .orderBy(asc(roundResponses.respondedAt), asc(roundResponses.id));
}

/** The current (newest) response per department, with how many came before it. */
export function currentResponses(all: readonly ResponseRow[]): Map<string, ResponseRow & { amendments: number }> {
  const byDept = new Map<string, ResponseRow & { amendments: number }>();
  for (const r of all) byDept.set(r.departmentId, { ...r, amendments: (byDept.get(r.departmentId)?.amendments ?? -1) + 1 });
  return byDept;
}

/** Whether each department has at least one leader. */
export async function departmentsWithLeader(db: Executor, departmentIds: readonly string[]): Promise<Set<string>> {
  if (departmentIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ departmentId: userDepartments.departmentId })
    .from(userDepartments)
    .innerJoin(users, eq(users.id, userDepartments.userId))
    .where(and(inArray(userDepartments.departmentId, [...departmentIds]), eq(userDepartments.role, 'leader'), sql`${users.disabledAt} is null`));
  return new Set(rows.map((r) => r.departmentId));
}

/** Rounds of a draft, newest first. */
export const listDocumentRounds = (db: Executor, documentId: string) =>
  db.select({ id: rounds.id }).from(rounds).where(eq(rounds.documentId, documentId)).orderBy(desc(rounds.number));

/** The next round number of a draft. */
export async function nextRoundNumber(db: Executor, documentId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`coalesce(max(${rounds.number}), 0)::int` }).from(rounds).where(eq(rounds.documentId, documentId));
  return (row?.n ?? 0) + 1;
}

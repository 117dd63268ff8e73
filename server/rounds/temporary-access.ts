/**
 * Temporary access of a round: consulted departments and people get at least `comment` on the draft
 * while the round is open. What the round granted, and what the subject had before, is remembered
 * in round_departments / round_users; on close the round reverts only its own grant, and only if
 * it is still exactly what the round set (someone who changed it meanwhile decided otherwise).
 * Both run inside the round's transaction; the caller tells collab afterwards (live sockets).
 */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { documentGrants, roundDepartments, roundUsers } from '../db/schema';
import { atLeast, type AccessLevel, type GrantLevel } from '../../shared/permissions';

const roundLevel: GrantLevel = 'comment';

type Subject = { departmentId: string } | { userId: string };

const subjectWhere = (documentId: string, s: Subject) =>
  'departmentId' in s
    ? and(eq(documentGrants.documentId, documentId), eq(documentGrants.departmentId, s.departmentId))
    : and(eq(documentGrants.documentId, documentId), eq(documentGrants.userId, s.userId));

async function currentGrant(db: Executor, documentId: string, s: Subject): Promise<GrantLevel | null> {
  const [row] = await db.select({ level: documentGrants.level }).from(documentGrants).where(subjectWhere(documentId, s)).for('update');
  return row?.level ?? null;
}

/** Raise the subject's own grant to comment when below; returns what the round granted and what was there. */
async function raise(db: Executor, documentId: string, s: Subject, alreadyHas: AccessLevel = 'none') {
  const previous = await currentGrant(db, documentId, s);
  if (atLeast(previous ?? 'none', roundLevel) || atLeast(alreadyHas, roundLevel)) return { grantedLevel: null, previousLevel: previous };
  if (previous) await db.update(documentGrants).set({ level: roundLevel }).where(subjectWhere(documentId, s));
  else await db.insert(documentGrants).values({ documentId, level: roundLevel, ...s });
  return { grantedLevel: roundLevel as string, previousLevel: previous as string | null };
}

/**
 * Grant the consulted departments and people comment access. `userLevels`: each consulted person's
 * level before (through any department or their own grant), so nobody gets a needless grant.
 */
export async function grantRoundAccess(
  db: Executor,
  input: { roundId: string; documentId: string; departments: { departmentId: string; role: 'lead' | 'cooperating' }[]; users: { userId: string; level: AccessLevel }[] },
) {
  for (const d of input.departments) {
    const granted = await raise(db, input.documentId, { departmentId: d.departmentId });
    await db.insert(roundDepartments).values({ roundId: input.roundId, departmentId: d.departmentId, role: d.role, ...granted });
  }
  for (const u of input.users) {
    const granted = await raise(db, input.documentId, { userId: u.userId }, u.level);
    await db.insert(roundUsers).values({ roundId: input.roundId, userId: u.userId, ...granted });
  }
}

/** Revert what the round granted, where the grant is still exactly the round's. Returns how many were reverted. */
export async function revertRoundAccess(
  db: Executor,
  input: { documentId: string; departments: { departmentId: string; grantedLevel: string | null; previousLevel: string | null }[]; people: { userId: string; grantedLevel: string | null; previousLevel: string | null }[] },
): Promise<number> {
  let reverted = 0;
  const subjects: { s: Subject; grantedLevel: string | null; previousLevel: string | null }[] = [
    ...input.departments.map((d) => ({ s: { departmentId: d.departmentId }, grantedLevel: d.grantedLevel, previousLevel: d.previousLevel })),
    ...input.people.map((p) => ({ s: { userId: p.userId }, grantedLevel: p.grantedLevel, previousLevel: p.previousLevel })),
  ];
  for (const { s, grantedLevel, previousLevel } of subjects) {
    if (!grantedLevel) continue;
    const now = await currentGrant(db, input.documentId, s);
    if (now !== grantedLevel) continue; // changed meanwhile: not ours any more
    if (previousLevel) await db.update(documentGrants).set({ level: previousLevel as GrantLevel }).where(subjectWhere(input.documentId, s));
    else await db.delete(documentGrants).where(subjectWhere(input.documentId, s));
    reverted++;
  }
  return reverted;
}

/**
 * The SQL visibility filter of search (server/search/visibility.ts) and shared/permissions agree:
 * for random people, drafts, grants and dossiers, the rows SQL lets through are exactly those
 * canView / canViewDossier allow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { grant, makeDepartment, makeDocument, makeUser, type TestUser } from '../support/factories';
import { documentVisibleSql, dossierVisibleSql } from '../../server/search/visibility';
import { loadDocumentDetails } from '../../server/documents/document-queries';
import { canView, canViewDossier } from '../../shared/permissions';
import { dossierGrants, dossiers } from '../../server/db/schema';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
}, 60_000);
afterAll(() => testDb?.drop());

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

// A small deterministic generator, so a failure reproduces.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;

describe('search visibility in SQL matches shared/permissions', { timeout: 120_000 }, () => {
  it('for drafts and dossiers', async () => {
    const db = testDb.handle.db;
    const depts = await Promise.all([0, 1, 2].map(() => makeDepartment(db)));
    const people: TestUser[] = [];
    for (let i = 0; i < 8; i++) {
      const departmentIds = depts.filter(() => rand() < 0.4).map((d) => d.id);
      if (departmentIds.length === 0 && i % 2 === 0) departmentIds.push(pick(depts).id); // some people have none
      people.push(await makeUser(db, { departmentIds, isAdmin: i === 0, isClerk: i === 1 } as never));
    }
    const docIds: string[] = [];
    for (let i = 0; i < 12; i++) {
      const owner = pick(people.slice(1).filter((p) => p.departmentIds.length > 0));
      const doc = await makeDocument(db, owner);
      docIds.push(doc.id);
      for (let g = 0; g < 3; g++) {
        if (rand() < 0.5) await grant(db, doc.id, rand() < 0.5 ? { userId: pick(people).id } : { departmentId: pick(depts).id }, pick(['view', 'comment', 'edit'] as const));
      }
    }
    const dossierFacts: { id: string; departmentId: string; creatorId: string; grants: { departmentId?: string; userId?: string }[] }[] = [];
    for (let i = 0; i < 8; i++) {
      const creator = pick(people);
      const [row] = await db
        .insert(dossiers)
        .values({ departmentId: pick(depts).id, year: 2026, notation: `T-${i}`, fileCode: `X.2026.T-${i}-${rand()}`, title: `Hồ sơ ${i}`, retention: '10', creatorId: creator.id, startDate: '2026-01-01' })
        .returning();
      const grants: { departmentId?: string; userId?: string }[] = [];
      if (rand() < 0.5) grants.push({ userId: pick(people).id });
      if (rand() < 0.5) grants.push({ departmentId: pick(depts).id });
      if (grants.length) await db.insert(dossierGrants).values(grants.map((g) => ({ dossierId: row!.id, ...g })));
      dossierFacts.push({ id: row!.id, departmentId: row!.departmentId, creatorId: creator.id, grants });
    }
    let checked = 0;
    for (const person of people) {
      const bySql = new Set(rowsOf<{ id: string }>(await db.execute(sql`select d.id from documents d where ${documentVisibleSql(person, sql`d.id`)}`)).map((r) => r.id));
      for (const id of docIds) {
        const facts = (await loadDocumentDetails(db, id))!;
        expect(bySql.has(id), `person ${people.indexOf(person)} document ${docIds.indexOf(id)}`).toBe(canView(person, facts));
        checked++;
      }
      const dossiersBySql = new Set(rowsOf<{ id: string }>(await db.execute(sql`select x.id from dossiers x where ${dossierVisibleSql(person, sql`x.id`)}`)).map((r) => r.id));
      for (const d of dossierFacts) {
        expect(dossiersBySql.has(d.id), `person ${people.indexOf(person)} dossier ${d.id}`).toBe(canViewDossier(person, { ...d, state: 'open' }));
        checked++;
      }
    }
    expect(checked).toBe(people.length * (docIds.length + dossierFacts.length));
  });
});

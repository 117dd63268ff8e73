/**
 * What a search may return, decided IN SQL so that results, snippets and the total never include
 * anything the caller may not open. Mirrors shared/permissions: canView for drafts, records and
 * comments (through their draft; an agency-wide record: administrators and clerks), and
 * canViewDossier for dossiers. test/search/visibility.test.ts proves both agree.
 * Expects the query to alias search_entries as `s`.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../shared/permissions';

/** Postgres uuid[] literal: ids are uuids (validated where they come from), so no quoting needed. */
const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

export function documentVisibleSql(actor: Actor, documentId: SQL): SQL {
  if (actor.isAdmin) return sql`true`;
  const depts = uuidArray(actor.departmentIds);
  return sql`(exists (select 1 from documents vd where vd.id = ${documentId} and vd.created_by = ${actor.id})
    or exists (select 1 from document_grants vg where vg.document_id = ${documentId}
               and (vg.user_id = ${actor.id} or vg.department_id = any(${depts}::uuid[]))))`;
}

export function dossierVisibleSql(actor: Actor, dossierId: SQL): SQL {
  if (actor.isAdmin || actor.isClerk) return sql`true`;
  const depts = uuidArray(actor.departmentIds);
  return sql`(exists (select 1 from dossiers vds where vds.id = ${dossierId} and vds.department_id = any(${depts}::uuid[]))
    or exists (select 1 from dossier_grants vdg where vdg.dossier_id = ${dossierId}
               and (vdg.user_id = ${actor.id} or vdg.department_id = any(${depts}::uuid[]))))`;
}

export function searchVisibleSql(actor: Actor): SQL {
  if (actor.isAdmin) return sql`true`;
  return sql`(case
    when s.type = 'dossier' then ${dossierVisibleSql(actor, sql`s.dossier_id`)}
    when s.document_id is null then ${actor.isClerk ? sql`true` : sql`false`}
    else ${documentVisibleSql(actor, sql`s.document_id`)} end)`;
}

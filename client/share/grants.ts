/**
 * The share dialog's working copy of a document's grants: pure functions over a list of
 * (subject, level) entries, turned into the `PUT /api/documents/:id/access` body at the end.
 */
import type { DirectoryDto, GrantDto, GrantInputBody } from '../../shared/api';
import type { GrantLevel } from '../../shared/permissions';

export interface Subject {
  kind: 'department' | 'user';
  id: string;
  name: string;
  /** For people: their departments. */
  detail?: string;
}

export interface GrantEntry {
  subject: Subject;
  level: GrantLevel;
}

export const subjectKey = (s: Pick<Subject, 'kind' | 'id'>) => `${s.kind}:${s.id}`;

export function fromDto(grants: readonly GrantDto[], directory?: DirectoryDto): GrantEntry[] {
  const people = new Map(directory?.users.map((u) => [u.id, u]) ?? []);
  return grants.map((g) =>
    'department' in g
      ? { subject: { kind: 'department', id: g.department.id, name: g.department.name }, level: g.level }
      : { subject: { kind: 'user', id: g.user.id, name: g.user.name, detail: people.get(g.user.id)?.departments.map((d) => d.name).join(', ') }, level: g.level },
  );
}

export const toBody = (entries: readonly GrantEntry[]): GrantInputBody[] =>
  entries.map((e) => (e.subject.kind === 'department' ? { department: e.subject.id, level: e.level } : { user: e.subject.id, level: e.level }));

/** Grant `level` to `subject`, replacing the level it had. */
export function upsert(entries: readonly GrantEntry[], subject: Subject, level: GrantLevel): GrantEntry[] {
  const key = subjectKey(subject);
  return entries.some((e) => subjectKey(e.subject) === key)
    ? entries.map((e) => (subjectKey(e.subject) === key ? { ...e, level } : e))
    : [...entries, { subject, level }];
}

export const revoke = (entries: readonly GrantEntry[], key: string) => entries.filter((e) => subjectKey(e.subject) !== key);

/** Directory entries not granted yet, departments and people apart, sorted by name. */
export function candidates(directory: DirectoryDto, entries: readonly GrantEntry[], collator = new Intl.Collator()) {
  const taken = new Set(entries.map((e) => subjectKey(e.subject)));
  const byName = (a: Subject, b: Subject) => collator.compare(a.name, b.name);
  const departments: Subject[] = directory.departments.map((d) => ({ kind: 'department' as const, id: d.id, name: d.name }));
  const users: Subject[] = directory.users.map((u) => ({ kind: 'user' as const, id: u.id, name: u.name, detail: u.departments.map((d) => d.name).join(', ') }));
  return {
    departments: departments.filter((s) => !taken.has(subjectKey(s))).sort(byName),
    users: users.filter((s) => !taken.has(subjectKey(s))).sort(byName),
  };
}

/** Whether the working copy differs from what the server has. */
export function changed(original: readonly GrantEntry[], current: readonly GrantEntry[]) {
  const asMap = (list: readonly GrantEntry[]) => new Map(list.map((e) => [subjectKey(e.subject), e.level]));
  const a = asMap(original);
  const b = asMap(current);
  return a.size !== b.size || [...a].some(([key, level]) => b.get(key) !== level);
}

/** What saving would change: subjects granted, levels changed, grants removed (for the unsaved-changes warning). */
export function summarizeChanges(original: readonly GrantEntry[], current: readonly GrantEntry[]) {
  const before = new Map(original.map((e) => [subjectKey(e.subject), e]));
  const after = new Set(current.map((e) => subjectKey(e.subject)));
  return {
    added: current.filter((e) => !before.has(subjectKey(e.subject))),
    changedLevel: current.filter((e) => {
      const was = before.get(subjectKey(e.subject));
      return was !== undefined && was.level !== e.level;
    }),
    removed: original.filter((e) => !after.has(subjectKey(e.subject))),
  };
}

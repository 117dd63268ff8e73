/**
 * Who is in a document now, from the awareness states. Identities come from the `user` field the
 * server writes for every connection (`{id, name, department, departmentId, color}`), never from
 * what a client claims; anything malformed is left out. One entry per person (several tabs of the
 * same person count once); the local person comes first.
 */
import { departmentColor, isHexColor } from './department-color';

export interface Person {
  userId: string;
  name: string;
  department: string;
  color: string;
  self: boolean;
}

export interface SelfIdentity {
  id: string;
  name: string;
  department: string;
  departmentId?: string;
}

function personFrom(state: unknown): Omit<Person, 'self'> | null {
  const user = (state as { user?: Record<string, unknown> } | null)?.user;
  if (!user || typeof user.id !== 'string' || typeof user.name !== 'string') return null;
  const departmentId = typeof user.departmentId === 'string' ? user.departmentId : undefined;
  return {
    userId: user.id,
    name: user.name,
    department: typeof user.department === 'string' ? user.department : '',
    color: isHexColor(user.color) ? user.color : departmentColor(departmentId),
  };
}

export function peopleFrom(states: ReadonlyMap<number, unknown>, selfClientId: number, self: SelfIdentity, collator?: Intl.Collator): Person[] {
  const others = new Map<string, Person>();
  for (const [clientId, state] of states) {
    if (clientId === selfClientId) continue;
    const person = personFrom(state);
    if (!person || person.userId === self.id || others.has(person.userId)) continue;
    others.set(person.userId, { ...person, self: false });
  }
  const compare = collator ?? new Intl.Collator();
  const sorted = [...others.values()].sort((a, b) => compare.compare(a.name, b.name));
  return [{ userId: self.id, name: self.name, department: self.department, color: departmentColor(self.departmentId), self: true }, ...sorted];
}

/** Initials for an avatar: first letters of the first and last words ("Nguyễn Văn An" → "NA"). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toLocaleUpperCase();
}

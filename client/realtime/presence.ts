/**
 * Who is in a document now, from the awareness states. Identities come from the `user` field the
 * server writes for every connection (`{id, name, departmentId, departmentName, color}`), never from
 * what a client claims; anything malformed is left out. One entry per person (several tabs of the
 * same person count once); the local person comes first.
 */
import { isHexColor, presenceColor, textColorOn } from '../../shared/presence-color';

export interface Person {
  userId: string;
  name: string;
  department: string;
  color: string;
  /** Black or white: readable on `color`. */
  textColor: string;
  self: boolean;
}

export interface SelfIdentity {
  id: string;
  name: string;
  department: string;
  departmentId?: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** A person's colour: the department's, as the server computes it. */
export const colorOf = (userId: string, departmentId?: string | null) => presenceColor(departmentId ?? userId);

function personFrom(state: unknown): Omit<Person, 'self'> | null {
  const user = (state as { user?: Record<string, unknown> } | null)?.user;
  if (!user || typeof user.id !== 'string' || typeof user.name !== 'string') return null;
  const color = isHexColor(user.color) ? user.color : colorOf(user.id, text(user.departmentId));
  return {
    userId: user.id,
    name: user.name,
    department: text(user.departmentName) ?? text(user.department) ?? '',
    color,
    textColor: textColorOn(color),
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
  const color = colorOf(self.id, self.departmentId);
  return [{ userId: self.id, name: self.name, department: self.department, color, textColor: textColorOn(color), self: true }, ...sorted];
}

/** Initials for an avatar: first letters of the first and last words ("Nguyễn Văn An" → "NA"). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toLocaleUpperCase();
}

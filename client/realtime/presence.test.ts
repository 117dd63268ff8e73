import { describe, expect, it } from 'vitest';
import { connectionState } from './connection-state';
import { isHexColor, presenceColor } from '../../shared/presence-color';
import { initials, peopleFrom } from './presence';

const self = { id: 'me', name: 'Trần Thị Bình', department: 'Finance', departmentId: 'd-fin' };
const user = (id: string, name: string, extra: Record<string, unknown> = {}) => ({ user: { id, name, departmentName: 'Legal', departmentId: 'd-leg', color: '#b91c1c', ...extra } });

describe('peopleFrom', () => {
  it('lists me first, then others by name, once per person', () => {
    const states = new Map<number, unknown>([
      [1, user('me', 'Trần Thị Bình')],
      [2, user('u2', 'Lê Văn Cường')],
      [3, user('u3', 'Đỗ An')],
      [4, user('u2', 'Lê Văn Cường')], // second tab
      [5, user('me', 'Trần Thị Bình')], // my other tab
    ]);
    const people = peopleFrom(states, 1, self, new Intl.Collator('vi'));
    expect(people.map((p) => [p.userId, p.self])).toEqual([['me', true], ['u3', false], ['u2', false]]);
    expect(people[1]).toMatchObject({ name: 'Đỗ An', department: 'Legal', color: '#b91c1c' });
  });
  it('ignores states without a server-set identity and repairs bad colours', () => {
    const states = new Map<number, unknown>([
      [2, { cursor: {} }],
      [3, { user: { name: 'No id' } }],
      [4, user('u4', 'Phạm Dũng', { color: 'red' })],
      [5, null],
    ]);
    const people = peopleFrom(states, 1, self);
    expect(people.map((p) => p.userId)).toEqual(['me', 'u4']);
    expect(people[1]?.color).toBe(presenceColor('d-leg'));
  });
  it('colours me like the server colours my department', () => {
    expect(peopleFrom(new Map(), 1, self)[0]).toMatchObject({ color: presenceColor('d-fin'), self: true });
  });
});

describe('presenceColor', () => {
  it('is stable and #rrggbb', () => {
    expect(presenceColor('d-fin')).toBe(presenceColor('d-fin'));
    expect(isHexColor(presenceColor('anything'))).toBe(true);
  });
});

describe('initials', () => {
  it('takes first and last words, Vietnamese letters included', () => {
    expect(initials('Nguyễn Văn An')).toBe('NA');
    expect(initials('đào')).toBe('Đ');
    expect(initials('  ')).toBe('?');
  });
});

describe('connectionState', () => {
  const base = { online: true, socket: 'connected' as const, synced: true, everSynced: true };
  it('is offline whenever the browser is', () => expect(connectionState({ ...base, online: false })).toBe('offline'));
  it('is connected only once synced', () => {
    expect(connectionState(base)).toBe('connected');
    expect(connectionState({ ...base, synced: false, everSynced: false })).toBe('connecting');
  });
  it('is reconnecting after a drop', () => expect(connectionState({ ...base, socket: 'disconnected', synced: false })).toBe('reconnecting'));
});

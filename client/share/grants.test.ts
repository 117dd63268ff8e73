import { describe, expect, it } from 'vitest';
import type { DirectoryDto, GrantDto } from '../../shared/api';
import { candidates, changed, fromDto, revoke, subjectKey, toBody, upsert } from './grants';

const directory: DirectoryDto = {
  departments: [
    { id: 'd1', name: 'Tài chính' },
    { id: 'd2', name: 'Pháp chế' },
    { id: 'd3', name: 'Văn phòng' },
  ],
  users: [
    { id: 'u1', name: 'Lê An', isClerk: false, departments: [{ id: 'd2', name: 'Pháp chế', role: 'member' }] },
    { id: 'u2', name: 'Bùi Hà', isClerk: false, departments: [{ id: 'd1', name: 'Tài chính', role: 'leader' }] },
  ],
};
const grants: GrantDto[] = [
  { department: { id: 'd1', name: 'Tài chính' }, level: 'edit' },
  { user: { id: 'u1', name: 'Lê An' }, level: 'view' },
];

describe('share grants', () => {
  it('reads the server grants and writes them back unchanged', () => {
    const entries = fromDto(grants, directory);
    expect(entries[1]?.subject).toEqual({ kind: 'user', id: 'u1', name: 'Lê An', detail: 'Pháp chế' });
    expect(toBody(entries)).toEqual([
      { department: 'd1', level: 'edit' },
      { user: 'u1', level: 'view' },
    ]);
    expect(changed(entries, fromDto(grants))).toBe(false);
  });

  it('grants, changes a level and revokes', () => {
    let entries = fromDto(grants);
    entries = upsert(entries, { kind: 'department', id: 'd2', name: 'Pháp chế' }, 'comment');
    entries = upsert(entries, { kind: 'user', id: 'u1', name: 'Lê An' }, 'edit');
    entries = revoke(entries, subjectKey({ kind: 'department', id: 'd1' }));
    expect(toBody(entries)).toEqual([
      { user: 'u1', level: 'edit' },
      { department: 'd2', level: 'comment' },
    ]);
    expect(changed(fromDto(grants), entries)).toBe(true);
  });

  it('offers only subjects without a grant, sorted by name', () => {
    const offer = candidates(directory, fromDto(grants), new Intl.Collator('vi'));
    expect(offer.departments.map((d) => d.id)).toEqual(['d2', 'd3']);
    expect(offer.users.map((u) => [u.id, u.detail])).toEqual([['u2', 'Tài chính']]);
  });
});

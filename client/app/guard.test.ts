import { describe, expect, it } from 'vitest';
import { decide, type Access } from './guard';

const visit = (name: string | null, access: Access | null, over: Partial<Parameters<typeof decide>[0]> = {}) =>
  decide({ name, access, path: over.path ?? '/documents/x', signedIn: false, isAdmin: false, needsSetup: false, ...over });

describe('decide', () => {
  it('sends everyone to setup on an empty workspace, and no one there afterwards', () => {
    expect(visit('sign-in', 'public', { needsSetup: true })).toEqual({ show: false, redirect: '/setup' });
    expect(visit('setup', 'public', { needsSetup: true })).toEqual({ show: true });
    expect(visit('setup', 'public')).toEqual({ show: false, redirect: '/sign-in' });
  });
  it('asks for sign-in and remembers where the person was going', () => {
    expect(visit('document', 'signed-in')).toEqual({ show: false, redirect: '/sign-in?next=%2Fdocuments%2Fx' });
    expect(visit('documents', 'signed-in', { path: '/' })).toEqual({ show: false, redirect: '/sign-in' });
  });
  it('keeps signed-in people off the sign-in page and non-admins out of administration', () => {
    expect(visit('sign-in', 'public', { signedIn: true, path: '/sign-in' })).toEqual({ show: false, redirect: '/' });
    expect(visit('sign-in', 'public', { signedIn: true, path: '/sign-in?next=%2Fdocuments%2Fx' })).toEqual({ show: false, redirect: '/documents/x' });
    expect(visit('sign-in', 'public', { signedIn: true, path: '/sign-in?next=%2F%2Fevil.example' })).toEqual({ show: false, redirect: '/' });
    expect(visit('admin', 'admin', { signedIn: true })).toEqual({ show: false, redirect: '/' });
    expect(visit('admin', 'admin', { signedIn: true, isAdmin: true })).toEqual({ show: true });
  });
});

/** The pure route guard: where a visit should go, given the session (used by App). */
export type Access = 'public' | 'signed-in' | 'admin';
/** Where to go after signing in: the `next` parameter, if it is a path of this app. */
export function nextFrom(search: string) {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export type Decision = { show: true } | { show: false; redirect: string };

/** Where a visit to `path` should go, given who is signed in and whether setup is pending. */
export function decide(input: { name: string | null; access: Access | null; path: string; signedIn: boolean; isAdmin: boolean; needsSetup: boolean }): Decision {
  if (input.needsSetup) return input.name === 'setup' ? { show: true } : { show: false, redirect: '/setup' };
  if (input.name === 'setup') return { show: false, redirect: input.signedIn ? '/' : '/sign-in' };
  if (input.name === 'sign-in') return input.signedIn ? { show: false, redirect: nextFrom(input.path.slice(input.path.indexOf('?') + 1)) } : { show: true };
  if (input.access !== 'public' && !input.signedIn) {
    return { show: false, redirect: input.path === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(input.path)}` };
  }
  if (input.access === 'admin' && !input.isAdmin) return { show: false, redirect: '/' };
  return { show: true };
}

/**
 * Who is signed in. Loaded once at start (`GET /api/auth/me`); when the network is down the last
 * known user is used so the app still opens offline. Any 401 later marks the session expired:
 * the app then asks for the password again over the current page, so nothing typed is lost.
 */
import { createSignal } from 'solid-js';
import { api, type Answer } from '../data/api';
import { ApiError, NetworkError, onUnauthorized } from '../data/http';
import { forgetLocalData, readJson, writeJson } from './local-data';

export type User = Answer<'me'>['user'];

const [user, setUser] = createSignal<User | null>(null);
const [ready, setReady] = createSignal(false);
const [needsSetup, setNeedsSetup] = createSignal(false);
const [expired, setExpired] = createSignal(false);

export { user, ready, needsSetup, expired };

const remember = (next: User | null) => {
  setUser(next);
  if (next) writeJson('user', next);
};

onUnauthorized(() => {
  if (user()) setExpired(true);
});

/** Find out who is signed in (or whether the workspace needs its first administrator). */
export async function loadSession() {
  try {
    remember((await api.me()).user);
  } catch (error) {
    if (error instanceof NetworkError) setUser(readJson<User>('user'));
    else if (error instanceof ApiError && error.status === 401) {
      setUser(null);
      try {
        setNeedsSetup((await api.setupStatus()).needsSetup);
      } catch {
        // Unknown: the sign-in page will say what is wrong when used.
      }
    } else {
      setUser(null); // the server is failing: the sign-in page will say so when used
    }
  } finally {
    setReady(true);
  }
}

export async function signIn(email: string, password: string) {
  const { user: signedIn } = await api.login({ email, password });
  const previous = user();
  if (previous && previous.id !== signedIn.id) {
    // Someone else took over this browser: drop the previous person's local copies.
    await forgetLocalData();
    location.assign('/');
  }
  remember(signedIn);
  setExpired(false);
}

export async function completeSetup(body: Parameters<typeof api.setup>[0]) {
  const { user: created } = await api.setup(body);
  setNeedsSetup(false);
  remember(created);
}

export async function signOut() {
  try {
    await api.logout();
  } finally {
    await forgetLocalData();
    setUser(null);
    setExpired(false);
  }
}

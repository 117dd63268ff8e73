/**
 * A small history router: the current location as a signal, `navigate()`, and `<a>` clicks
 * handled in place (one listener on the document, so plain links work everywhere). A link that
 * would leave unsynced edits behind asks first (leave-guard.ts).
 */
import { createSignal } from 'solid-js';
import { t } from '../i18n/i18n';
import { mayLeave } from './leave-guard';

const current = () => ({ pathname: location.pathname, search: location.search });
const [where, setWhere] = createSignal(current());

/** The current path and query string. */
export const route = where;

export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (to === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  setWhere(current());
  window.scrollTo({ top: 0 });
}

window.addEventListener('popstate', () => setWhere(current()));

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest?.('a[href]');
  if (!(anchor instanceof HTMLAnchorElement) || anchor.target || anchor.hasAttribute('download')) return;
  const url = new URL(anchor.href);
  if (url.origin !== location.origin) return;
  event.preventDefault();
  // An in-page link (the skip link): move focus to its target, do not navigate.
  if (url.hash && url.pathname === location.pathname && url.search === location.search) {
    document.getElementById(decodeURIComponent(url.hash.slice(1)))?.focus();
    return;
  }
  if (url.pathname + url.search === location.pathname + location.search || !mayLeave(t('connection.leavePrompt'))) return;
  navigate(url.pathname + url.search);
});

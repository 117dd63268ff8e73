/**
 * The bar on every signed-in page: brand, navigation, language, who is signed in, sign out.
 * Capabilities add their header items (e.g. a notification badge) in the `end` slot.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import { t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import { signOut, type User } from '../session/session';
import { draftsWithUnsentEdits, type LocalDraft } from '../session/local-data';
import { SignOutDialog } from '../session/SignOutDialog';
import { LanguageSwitcher } from './LanguageSwitcher';
import { navigate, route } from './router';
import { HeaderSearch } from '../search/HeaderSearch';

export function AppHeader(props: { user: User; end?: JSX.Element }) {
  const current = (...prefixes: string[]) => (prefixes.some((p) => (p === '/' ? route().pathname === '/' : route().pathname.startsWith(p))) ? 'page' : undefined);
  /** Drafts that would lose unsent edits: while set, the sign-out dialog asks first. */
  const [atRisk, setAtRisk] = createSignal<LocalDraft[] | null>(null);
  const leave = async () => {
    setAtRisk(null);
    await signOut().catch(() => undefined);
    navigate('/sign-in', { replace: true });
  };
  const requestSignOut = () => {
    const unsent = draftsWithUnsentEdits();
    if (unsent.length > 0) setAtRisk(unsent);
    else void leave();
  };
  return (
    <header class="app-header">
      <a class="brand" href="/">
        <span class="brand__mark" aria-hidden="true">C</span>
        <span class="brand__name">{t('app.name')}</span>
      </a>
      <nav class="app-nav" aria-label={t('nav.main')}>
        <a href="/" aria-current={current('/', '/documents/')}>
          <Icon name="document" size={18} />
          <span>{t('nav.documents')}</span>
        </a>
        <a href="/consultations" aria-current={current('/consultations')}>
          <Icon name="users" size={18} />
          <span>{t('nav.consultations')}</span>
        </a>
        <a href="/signatures" aria-current={current('/signatures')}>
          <Icon name="seal" size={18} />
          <span>{t('nav.signatures')}</span>
        </a>
        <a href="/dossiers" aria-current={current('/dossiers')}>
          <Icon name="archive" size={18} />
          <span>{t('nav.dossiers')}</span>
        </a>
        <Show when={props.user.isAdmin}>
          <a href="/admin" aria-current={current('/admin')}>
            <Icon name="building" size={18} />
            <span>{t('nav.admin')}</span>
          </a>
        </Show>
      </nav>
      <div class="app-header__end">
        <HeaderSearch />
        {props.end}
        <LanguageSwitcher />
        <span class="account" title={t('nav.account', { name: props.user.name })}>
          <span class="account__name">{props.user.name}</span>
          <span class="account__department">{props.user.departments.map((d) => d.name).join(', ')}</span>
        </span>
        <button type="button" class="button button--quiet" aria-label={t('nav.signOut')} onClick={requestSignOut}>
          <Icon name="signOut" size={18} />
          <span class="hide-narrow">{t('nav.signOut')}</span>
        </button>
      </div>
      <Show when={atRisk()}>{(drafts) => <SignOutDialog drafts={drafts()} onStay={() => setAtRisk(null)} onSignOut={() => void leave()} />}</Show>
    </header>
  );
}

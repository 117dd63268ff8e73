/**
 * The application shell: finds out who is signed in, guards and renders the current page (each
 * a lazy chunk), and hosts what is global: header, offline notice, session-expired sign-in, notices.
 */
import { createEffect, createMemo, ErrorBoundary, Show, Suspense } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { t } from '../i18n/i18n';
import { expired, loadSession, needsSetup, ready, user } from '../session/session';
import { SessionExpiredDialog } from '../session/SessionExpiredDialog';
import { readJson } from '../session/local-data';
import { Toasts } from '../ui/Toasts';
import { AppHeader } from './AppHeader';
import { NotificationsBell } from '../notifications/NotificationsBell';
import { decide } from './guard';
import { online } from './network';
import { navigate, route } from './router';
import { match } from './routes';

const Loading = () => (
  <p class="page-loading" role="status">
    {t('app.loading')}
  </p>
);

export function App() {
  void loadSession();
  // Nobody was signed in here last time: fetch the sign-in page's code alongside the session check.
  if (!readJson('user')) void import('../pages/SignInPage');
  const matched = createMemo(() => match(route().pathname), undefined, {
    equals: (a, b) => a?.def === b?.def && a?.params.join('/') === b?.params.join('/'),
  });
  // The sign-in page needs nothing from the server to be shown: render it at once, while the
  // session is looked up (if someone turns out to be signed in, the guard moves on).
  const instant = () => !ready() && matched()?.def.name === 'sign-in';
  const decision = createMemo(() => {
    if (instant()) return { show: true } as const;
    if (!ready()) return null;
    const found = matched();
    const path = route().pathname + route().search;
    const signedIn = user();
    return decide({ name: found?.def.name ?? null, access: found?.def.access ?? null, path, signedIn: !!signedIn, isAdmin: !!signedIn?.isAdmin, needsSetup: needsSetup() });
  });
  createEffect(() => {
    const next = decision();
    if (next && !next.show) navigate(next.redirect, { replace: true });
  });
  const page = createMemo(() => (decision()?.show ? matched() : null));

  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Show when={user()}>{(signedIn) => <AppHeader user={signedIn()} end={<NotificationsBell />} />}</Show>
      <Show when={!online() && user() && !route().pathname.startsWith('/documents/')}>
        <p class="offline-banner" role="status">
          {t('app.offlineBanner')}
        </p>
      </Show>
      <main id="main" tabindex="-1">
        <Show when={ready() || instant()} fallback={<Loading />}>
          <ErrorBoundary
            fallback={(_error, reset) => (
              <div class="page page--narrow">
                <p class="alert alert--error" role="alert">
                  {t('app.chunkError')}
                </p>
                <button type="button" class="button" onClick={() => (navigator.onLine ? location.reload() : reset())}>
                  {t('common.reload')}
                </button>
              </div>
            )}
          >
            <Suspense fallback={<Loading />}>
              <Show when={page()} keyed fallback={<Show when={decision()?.show && !matched()}><p class="page">{t('app.notFound')}</p></Show>}>
                {(found) => <Dynamic component={found.def.page} params={found.params} />}
              </Show>
            </Suspense>
          </ErrorBoundary>
        </Show>
      </main>
      <Show when={expired()}>
        <SessionExpiredDialog />
      </Show>
      <Toasts />
    </>
  );
}

/**
 * Shown over the current page when the session has expired: signing in again here keeps the page
 * (and everything typed in it) exactly as it was.
 */
import { t } from '../i18n/i18n';
import { Dialog } from '../ui/Dialog';
import { SignInForm } from './SignInForm';
import { user } from './session';

export function SessionExpiredDialog() {
  return (
    <Dialog title={t('signIn.expiredTitle')}>
      <p class="dialog__intro">{t('signIn.expired')}</p>
      <SignInForm email={user()?.email} onSignedIn={() => undefined} />
    </Dialog>
  );
}

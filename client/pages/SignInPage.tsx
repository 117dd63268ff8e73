/** The sign-in page (its own small chunk: no editor code). Once signed in, App's guard goes on to `?next=`. */
import { t } from '../i18n/i18n';
import { SignInForm } from '../session/SignInForm';
import { AuthLayout } from './AuthLayout';
import { usePageTitle } from '../app/page-title';

export default function SignInPage() {
  usePageTitle(() => t('signIn.title'));
  return (
    <AuthLayout title={t('signIn.title')} intro={t('signIn.intro')}>
      <SignInForm onSignedIn={() => undefined} />
    </AuthLayout>
  );
}

/** The sign-in page (its own small chunk: no editor code). */
import { t } from '../i18n/i18n';
import { SignInForm } from '../session/SignInForm';
import { navigate, nextFrom, route } from '../app/router';
import { AuthLayout } from './AuthLayout';

export default function SignInPage() {
  return (
    <AuthLayout title={t('signIn.title')} intro={t('signIn.intro')}>
      <SignInForm onSignedIn={() => navigate(nextFrom(route().search), { replace: true })} />
    </AuthLayout>
  );
}

/** Email + password form; explains wrong credentials, throttling and network failures. */
import { createSignal } from 'solid-js';
import { ApiError } from '../data/http';
import { t } from '../i18n/i18n';
import { Field } from '../ui/Field';
import { errorMessage } from '../ui/error-message';
import { signIn } from './session';
import { ErrorAlert } from '../ui/ErrorAlert';

export function SignInForm(props: { email?: string; onSignedIn: () => void }) {
  const [email, setEmail] = createSignal(props.email ?? '');
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email(), password());
      props.onSignedIn();
    } catch (failure) {
      setError(failure instanceof ApiError && failure.status === 401 ? t('signIn.wrong') : errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form" onSubmit={(event) => void submit(event)}>
      <ErrorAlert message={error()} />
      <Field label={t('common.email')}>
        {(id) => <input id={id} name="email" type="email" autocomplete="username" required value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />}
      </Field>
      <Field label={t('common.password')}>
        {(id) => (
          <input id={id} name="password" type="password" autocomplete="current-password" required value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
        )}
      </Field>
      <button type="submit" class="button button--primary button--block" disabled={busy()}>
        {busy() ? t('signIn.busy') : t('signIn.submit')}
      </button>
    </form>
  );
}

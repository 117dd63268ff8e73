/** First run: create the first administrator and their department (`POST /api/setup`). */
import { createSignal } from 'solid-js';
import { ApiError } from '../data/http';
import { navigate } from '../app/router';
import { t } from '../i18n/i18n';
import { completeSetup } from '../session/session';
import { Field } from '../ui/Field';
import { errorMessage } from '../ui/error-message';
import { AuthLayout } from './AuthLayout';
import { usePageTitle } from '../app/page-title';
import { ErrorAlert } from '../ui/ErrorAlert';
import { passwordProblem } from '../ui/field-checks';

export default function SetupPage() {
  usePageTitle(() => t('setup.title'));
  const [form, setForm] = createSignal({ name: '', email: '', department: '', password: '' });
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const set = (key: keyof ReturnType<typeof form>) => (event: { currentTarget: HTMLInputElement }) =>
    setForm({ ...form(), [key]: event.currentTarget.value });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const weak = passwordProblem(form().password);
    if (weak) return setError(t(weak));
    setBusy(true);
    setError(null);
    try {
      await completeSetup(form());
      navigate('/', { replace: true });
    } catch (failure) {
      setError(failure instanceof ApiError && failure.status === 409 ? t('setup.alreadyDone') : errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title={t('setup.title')} intro={t('setup.intro')}>
      <form class="form" onSubmit={(event) => void submit(event)}>
        <ErrorAlert message={error()} />
        <Field label={t('common.name')}>{(id) => <input id={id} name="name" autocomplete="name" required value={form().name} onInput={set('name')} />}</Field>
        <Field label={t('common.email')}>
          {(id) => <input id={id} name="email" type="email" autocomplete="username" required value={form().email} onInput={set('email')} />}
        </Field>
        <Field label={t('setup.department')} hint={t('setup.departmentHint')}>
          {(id, hint) => <input id={id} name="department" required aria-describedby={hint} value={form().department} onInput={set('department')} />}
        </Field>
        <Field label={t('common.password')} hint={t('setup.passwordHint')}>
          {(id, hint) => (
            <input id={id} name="password" type="password" autocomplete="new-password" required aria-describedby={hint} value={form().password} onInput={set('password')} />
          )}
        </Field>
        <button type="submit" class="button button--primary button--block" disabled={busy()}>
          {t('setup.submit')}
        </button>
      </form>
    </AuthLayout>
  );
}

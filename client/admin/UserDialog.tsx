/** Create a user, or edit one: name, departments and the role in each, administrator, clerk, disabled (and email/password when new). */
import { createSignal, For, Show } from 'solid-js';
import { api, type Answer } from '../data/api';
import { t } from '../i18n/i18n';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { errorMessage } from '../ui/error-message';
import { notify } from '../ui/toast';
import { passwordProblem } from '../ui/field-checks';

type AdminUser = Answer<'listUsers'>['users'][number];
type Department = { id: string; name: string };

export function UserDialog(props: { user: AdminUser | null; departments: Department[]; onClose: () => void; onSaved: () => void }) {
  const existing = props.user;
  const [name, setName] = createSignal(existing?.name ?? '');
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [departmentIds, setDepartmentIds] = createSignal<string[]>(existing?.departments.map((d) => d.id) ?? []);
  const [leaderOf, setLeaderOf] = createSignal<string[]>(existing?.departments.filter((d) => d.role === 'leader').map((d) => d.id) ?? []);
  const [isAdmin, setIsAdmin] = createSignal(existing?.isAdmin ?? false);
  const [isClerk, setIsClerk] = createSignal(existing?.isClerk ?? false);
  const memberships = () => departmentIds().map((id) => ({ id, role: leaderOf().includes(id) ? ('leader' as const) : ('member' as const) }));
  const setLeader = (id: string, on: boolean) => setLeaderOf(on ? [...leaderOf(), id] : leaderOf().filter((d) => d !== id));
  const [disabled, setDisabled] = createSignal(existing?.disabled ?? false);
  const [error, setError] = createSignal<string | null>(null);
  const toggle = (id: string, on: boolean) => setDepartmentIds(on ? [...departmentIds(), id] : departmentIds().filter((d) => d !== id));

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (departmentIds().length === 0) return setError(t('admin.pickDepartments'));
    const weak = existing ? null : passwordProblem(password());
    if (weak) return setError(t(weak));
    try {
      const roles = { departments: memberships(), isAdmin: isAdmin(), isClerk: isClerk() };
      if (existing) await api.updateUser(existing.id, { name: name().trim(), ...roles, disabled: disabled() });
      else await api.createUser({ name: name().trim(), email: email().trim(), password: password(), ...roles });
      notify(existing ? t('admin.userSaved') : t('admin.userCreated'));
      props.onSaved();
    } catch (failure) {
      setError(errorMessage(failure, { conflict: existing ? 'error.lastAdmin' : 'error.emailExists' }));
    }
  };

  return (
    <Dialog title={existing ? t('admin.editUser', { name: existing.name }) : t('admin.newUser')} onClose={props.onClose}>
      <form class="form" onSubmit={(event) => void submit(event)}>
        <Show when={error()}>{(message) => <p class="alert alert--error" role="alert">{message()}</p>}</Show>
        <Field label={t('common.name')}>{(id) => <input id={id} required maxlength="200" value={name()} onInput={(e) => setName(e.currentTarget.value)} />}</Field>
        <Show when={!existing}>
          <Field label={t('common.email')}>{(id) => <input id={id} type="email" required autocomplete="off" value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />}</Field>
          <Field label={t('common.password')} hint={t('setup.passwordHint')}>
            {(id, hint) => <input id={id} type="password" required autocomplete="new-password" aria-describedby={hint} value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />}
          </Field>
        </Show>
        <fieldset class="checks">
          <legend>{t('common.departments')}</legend>
          <For each={props.departments}>
            {(d) => (
              <label class="check">
                <input type="checkbox" checked={departmentIds().includes(d.id)} onChange={(e) => toggle(d.id, e.currentTarget.checked)} />
                <span>{d.name}</span>
              </label>
            )}
          </For>
        </fieldset>
        <For each={props.departments.filter((d) => departmentIds().includes(d.id))}>
          {(d) => (
            <Field label={t('roles.inDepartment', { department: d.name })}>
              {(id) => (
                <select id={id} value={leaderOf().includes(d.id) ? 'leader' : 'member'} onChange={(e) => setLeader(d.id, e.currentTarget.value === 'leader')}>
                  <option value="member">{t('roles.member')}</option>
                  <option value="leader">{t('roles.leader')}</option>
                </select>
              )}
            </Field>
          )}
        </For>
        <label class="check">
          <input type="checkbox" checked={isClerk()} onChange={(e) => setIsClerk(e.currentTarget.checked)} />
          <span>{t('roles.isClerk')}</span>
        </label>
        <label class="check">
          <input type="checkbox" checked={isAdmin()} onChange={(e) => setIsAdmin(e.currentTarget.checked)} />
          <span>{t('admin.isAdmin')}</span>
        </label>
        <Show when={existing}>
          <label class="check">
            <input type="checkbox" checked={disabled()} onChange={(e) => setDisabled(e.currentTarget.checked)} />
            <span>{t('admin.accountDisabled')}</span>
          </label>
        </Show>
        <div class="dialog__actions">
          <button type="button" class="button" onClick={() => props.onClose()}>{t('common.cancel')}</button>
          <button type="submit" class="button button--primary">{t('common.save')}</button>
        </div>
      </form>
    </Dialog>
  );
}

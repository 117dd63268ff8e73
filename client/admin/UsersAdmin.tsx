/** Users: list with departments, role and status; create and edit through UserDialog. */
import { createResource, createSignal, For, Show } from 'solid-js';
import { api, type Answer } from '../data/api';
import { t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import { errorMessage } from '../ui/error-message';
import { UserDialog } from './UserDialog';

type AdminUser = Answer<'listUsers'>['users'][number];

export function UsersAdmin() {
  const [users, { refetch }] = createResource(() => api.listUsers());
  const [departments] = createResource(() => api.listDepartments());
  const [editing, setEditing] = createSignal<AdminUser | 'new' | null>(null);
  return (
    <section class="admin-section">
      <div class="inline-form">
        <button type="button" class="button button--primary" onClick={() => setEditing('new')}>
          <Icon name="plus" size={18} />
          <span>{t('admin.newUser')}</span>
        </button>
      </div>
      <Show when={!users.error} fallback={<p class="alert alert--error" role="alert">{errorMessage(users.error)}</p>}>
        <Show when={users.latest}>
          {(loaded) => (
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('common.name')}</th>
                  <th scope="col">{t('common.departments')}</th>
                  <th scope="col">{t('admin.role')}</th>
                  <th scope="col">{t('admin.status')}</th>
                  <th scope="col" class="table__actions"><span class="visually-hidden">{t('common.edit')}</span></th>
                </tr>
              </thead>
              <tbody>
                <For each={loaded().users}>
                  {(person) => (
                    <tr classList={{ 'row--muted': person.disabled }}>
                      <td>
                        <span class="strong">{person.name}</span>
                        <span class="block muted">{person.email}</span>
                      </td>
                      <td>{person.departments.map((d) => (d.role === 'leader' ? `${d.name} (${t('roles.leaderBadge')})` : d.name)).join(', ')}</td>
                      <td>{[person.isAdmin ? t('admin.isAdmin') : t('admin.staff'), ...(person.isClerk ? [t('roles.clerkBadge')] : [])].join(', ')}</td>
                      <td>
                        <span class={`badge ${person.disabled ? 'badge--muted' : 'badge--edit'}`}>{person.disabled ? t('admin.disabled') : t('admin.active')}</span>
                      </td>
                      <td class="table__actions">
                        <button type="button" class="button button--small" aria-label={t('admin.editUser', { name: person.name })} onClick={() => setEditing(person)}>
                          <Icon name="pencil" size={16} />
                          <span>{t('common.edit')}</span>
                        </button>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          )}
        </Show>
      </Show>
      <Show when={editing()}>
        {(target) => (
          <UserDialog
            user={target() === 'new' ? null : (target() as AdminUser)}
            departments={departments()?.departments ?? []}
            onClose={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              void refetch();
            }}
          />
        )}
      </Show>
    </section>
  );
}

/** Departments: create, and per row rename or merge into another (DepartmentRow). */
import { createResource, createSignal, For, Show } from 'solid-js';
import { api } from '../data/api';
import { t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import { errorMessage } from '../ui/error-message';
import { notify } from '../ui/toast';
import { DepartmentRow } from './DepartmentRow';

export function DepartmentsAdmin() {
  const [list, { refetch }] = createResource(() => api.listDepartments());
  const [name, setName] = createSignal('');
  const create = async (event: SubmitEvent) => {
    event.preventDefault();
    try {
      await api.createDepartment(name().trim());
      setName('');
      notify(t('admin.departmentCreated'));
      await refetch();
    } catch (error) {
      notify(errorMessage(error, { conflict: 'error.departmentExists' }), 'error');
    }
  };
  return (
    <section class="admin-section">
      <form class="inline-form" onSubmit={(event) => void create(event)}>
        <label class="visually-hidden" for="new-department">
          {t('admin.departmentName')}
        </label>
        <input id="new-department" required maxlength="200" placeholder={t('admin.departmentName')} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        <button type="submit" class="button button--primary">
          <Icon name="plus" size={18} />
          <span>{t('admin.newDepartment')}</span>
        </button>
      </form>
      <Show when={!list.error} fallback={<p class="alert alert--error" role="alert">{errorMessage(list.error)}</p>}>
        <Show when={list.latest}>
          {(loaded) => (
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.departmentName')}</th>
                  <th scope="col">{t('admin.users')}</th>
                  <th scope="col" class="table__actions">
                    <span class="visually-hidden">{t('common.edit')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={loaded().departments}>{(department) => <DepartmentRow department={department} all={loaded().departments} onChanged={() => void refetch()} />}</For>
              </tbody>
            </table>
          )}
        </Show>
      </Show>
    </section>
  );
}

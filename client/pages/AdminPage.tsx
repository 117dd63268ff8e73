/** Administration (administrators only): departments and users, as two tabs. */
import { Show } from 'solid-js';
import { DepartmentsAdmin } from '../admin/DepartmentsAdmin';
import { UsersAdmin } from '../admin/UsersAdmin';
import { AgencySettingsForm } from '../agency/AgencySettingsForm';
import { t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import { usePageTitle } from '../app/page-title';

export default function AdminPage(props: { params: string[] }) {
  usePageTitle(() => t('admin.title'));
  const tab = () => (props.params[0] === 'users' || props.params[0] === 'agency' ? props.params[0] : 'departments');
  return (
    <div class="page">
      <div class="page__header">
        <h1>{t('admin.title')}</h1>
      </div>
      <nav class="tabs" aria-label={t('admin.title')}>
        <a href="/admin/departments" aria-current={tab() === 'departments' ? 'page' : undefined}>
          <Icon name="building" size={18} />
          {t('admin.departments')}
        </a>
        <a href="/admin/users" aria-current={tab() === 'users' ? 'page' : undefined}>
          <Icon name="users" size={18} />
          {t('admin.users')}
        </a>
        <a href="/admin/agency" aria-current={tab() === 'agency' ? 'page' : undefined}>
          <Icon name="seal" size={18} />
          {t('agency.tab')}
        </a>
      </nav>
      <Show when={tab() === 'users'} fallback={<Show when={tab() === 'agency'} fallback={<DepartmentsAdmin />}><AgencySettingsForm /></Show>}>
        <UsersAdmin />
      </Show>
    </div>
  );
}

/** Administration (administrators only): departments, users, the agency, signing keys, as tabs. */
import { Match, Switch } from 'solid-js';
import { DepartmentsAdmin } from '../admin/DepartmentsAdmin';
import { UsersAdmin } from '../admin/UsersAdmin';
import { AgencySettingsForm } from '../agency/AgencySettingsForm';
import { SigningKeysAdmin } from '../signatures/SigningKeysAdmin';
import { t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import { usePageTitle } from '../app/page-title';

export default function AdminPage(props: { params: string[] }) {
  usePageTitle(() => t('admin.title'));
  const tabs = ['departments', 'users', 'agency', 'keys'] as const;
  const tab = () => tabs.find((x) => x === props.params[0]) ?? 'departments';
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
        <a href="/admin/keys" aria-current={tab() === 'keys' ? 'page' : undefined}>
          <Icon name="lock" size={18} />
          {t('signatures.keys.tab')}
        </a>
        <a href="/audit">
          <Icon name="history" size={18} />
          {t('audit.title')}
        </a>
      </nav>
      <Switch fallback={<DepartmentsAdmin />}>
        <Match when={tab() === 'users'}>
          <UsersAdmin />
        </Match>
        <Match when={tab() === 'agency'}>
          <AgencySettingsForm />
        </Match>
        <Match when={tab() === 'keys'}>
          <SigningKeysAdmin />
        </Match>
      </Switch>
    </div>
  );
}

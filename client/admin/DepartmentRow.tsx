/** One department: its name (renamed in place), member count, and merging it into another. */
import { createSignal, For, Show } from 'solid-js';
import { api, type Answer } from '../data/api';
import { t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import { errorMessage } from '../ui/error-message';
import { notify } from '../ui/toast';

type Department = Answer<'listDepartments'>['departments'][number];

export function DepartmentRow(props: { department: Department; all: Department[]; onChanged: () => void }) {
  const [mode, setMode] = createSignal<'view' | 'rename' | 'merge'>('view');
  const [value, setValue] = createSignal('');
  const act = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work();
      setMode('view');
      if (done) notify(done);
      props.onChanged();
    } catch (error) {
      notify(errorMessage(error, { conflict: 'error.departmentExists' }), 'error');
    }
  };
  const rename = (event: SubmitEvent) => {
    event.preventDefault();
    void act(() => api.renameDepartment(props.department.id, value().trim()), t('common.saved'));
  };
  const merge = (event: SubmitEvent) => {
    event.preventDefault();
    const target = props.all.find((d) => d.id === value());
    if (!target || !window.confirm(t('admin.mergeConfirm', { from: props.department.name, to: target.name }))) return;
    void act(() => api.mergeDepartment(props.department.id, target.id), t('admin.departmentsMerged'));
  };
  return (
    <tr>
      <td>
        <Show when={mode() === 'rename'} fallback={<span class="strong">{props.department.name}</span>}>
          <form class="inline-form" onSubmit={rename}>
            <input aria-label={t('admin.renameDepartment', { name: props.department.name })} required maxlength="200" value={value()} onInput={(e) => setValue(e.currentTarget.value)} />
            <button type="submit" class="button button--primary button--small">{t('common.save')}</button>
            <button type="button" class="button button--small" onClick={() => setMode('view')}>{t('common.cancel')}</button>
          </form>
        </Show>
        <Show when={mode() === 'merge'}>
          <form class="inline-form" onSubmit={merge}>
            <select aria-label={t('admin.mergeFor', { name: props.department.name })} required value={value()} onChange={(e) => setValue(e.currentTarget.value)}>
              <option value="">{t('admin.mergeInto')}…</option>
              <For each={props.all.filter((d) => d.id !== props.department.id)}>{(d) => <option value={d.id}>{d.name}</option>}</For>
            </select>
            <button type="submit" class="button button--danger button--small">{t('admin.merge')}</button>
            <button type="button" class="button button--small" onClick={() => setMode('view')}>{t('common.cancel')}</button>
          </form>
        </Show>
      </td>
      <td>{t('admin.members', { count: props.department.memberCount })}</td>
      <td class="table__actions">
        <Show when={mode() === 'view'}>
          <button type="button" class="button button--small" onClick={() => { setValue(props.department.name); setMode('rename'); }}>
            <Icon name="pencil" size={16} />
            <span>{t('common.rename')}</span>
          </button>
          <button type="button" class="button button--small" onClick={() => { setValue(''); setMode('merge'); }}>
            <Icon name="merge" size={16} />
            <span>{t('admin.merge')}</span>
          </button>
        </Show>
      </td>
    </tr>
  );
}

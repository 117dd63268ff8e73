/**
 * One department: its name (renamed in place), member count, merging it into another, dissolving it
 * into a named successor (dossiers, drafts, grants, lists and rounds move: server/dossiers/reorganise.ts)
 * and its reorganisation history (what moved where).
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { dossiersApi } from '../dossiers/dossiers-api';
import { formatDateTime } from '../i18n/format';
import { locale } from '../i18n/i18n';
import { api, type Answer } from '../data/api';
import { t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import { errorMessage } from '../ui/error-message';
import { notify } from '../ui/toast';

type Department = Answer<'listDepartments'>['departments'][number];

/** The moved counts a department's history shows (server/dossiers/reorganise.ts and merges name them). */
const movedLabels = {
  dossiers: 'admin.moved.dossiers',
  dossierPlanItems: 'admin.moved.dossierPlanItems',
  dossierGrants: 'admin.moved.dossierGrants',
  drafts: 'admin.moved.drafts',
  draftGrants: 'admin.moved.draftGrants',
  members: 'admin.moved.members',
  membershipsEnded: 'admin.moved.membershipsEnded',
  roundDepartments: 'admin.moved.roundDepartments',
  roundResponses: 'admin.moved.roundResponses',
} as const;

export function DepartmentRow(props: { department: Department; all: Department[]; onChanged: () => void }) {
  const [mode, setMode] = createSignal<'view' | 'rename' | 'merge' | 'dissolve'>('view');
  const [showHistory, setShowHistory] = createSignal(false);
  const [history] = createResource(() => (showHistory() ? props.department.id : null), (id) => dossiersApi.departmentHistory(id));
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
  const dissolve = (event: SubmitEvent) => {
    event.preventDefault();
    const successor = props.all.find((d) => d.id === value());
    if (!successor || !window.confirm(t('admin.dissolveConfirm', { from: props.department.name, to: successor.name }))) return;
    void act(() => dossiersApi.dissolveDepartment(props.department.id, successor.id), t('admin.dissolved'));
  };
  /** What moved, in words; internal rows (the search index) are not listed. */
  const movedText = (moved: unknown) =>
    Object.entries((moved ?? {}) as Record<string, number>)
      .filter((entry): entry is [keyof typeof movedLabels, number] => entry[1] > 0 && entry[0] in movedLabels)
      .map(([what, n]) => `${t(movedLabels[what])}: ${n}`)
      .join(', ');
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
        <Show when={mode() === 'dissolve'}>
          <form class="inline-form" onSubmit={dissolve}>
            <select aria-label={t('admin.dissolveFor', { name: props.department.name })} required value={value()} onChange={(e) => setValue(e.currentTarget.value)}>
              <option value="">{t('admin.successor')}…</option>
              <For each={props.all.filter((d) => d.id !== props.department.id)}>{(d) => <option value={d.id}>{d.name}</option>}</For>
            </select>
            <button type="submit" class="button button--danger button--small">{t('admin.dissolve')}</button>
            <button type="button" class="button button--small" onClick={() => setMode('view')}>{t('common.cancel')}</button>
          </form>
        </Show>
        <Show when={showHistory()}>
          <div class="department-history" role="region" aria-label={t('admin.historyOf', { name: props.department.name })}>
            <Show when={history()} fallback={<p>{history.error ? errorMessage(history.error) : '…'}</p>}>
              {(h) => (
                <ul>
                  <For each={h().events} fallback={<li>{t('admin.historyNone')}</li>}>
                    {(e) => (
                      <li data-event={e.event}>
                        {formatDateTime(e.at, locale())} · {t(`admin.history.${e.event}` as 'admin.history.merged_into', { other: e.otherDepartment.name ?? '' })}
                        <Show when={movedText(e.moved)}>{(text) => <span class="department-history__moved"> ({text()})</span>}</Show>
                      </li>
                    )}
                  </For>
                </ul>
              )}
            </Show>
          </div>
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
          <button type="button" class="button button--small" onClick={() => { setValue(''); setMode('dissolve'); }}>
            <Icon name="archive" size={16} />
            <span>{t('admin.dissolve')}</span>
          </button>
          <button type="button" class="button button--small" aria-expanded={showHistory()} onClick={() => setShowHistory(!showHistory())}>
            <Icon name="history" size={16} />
            <span>{t('admin.history')}</span>
          </button>
        </Show>
      </td>
    </tr>
  );
}

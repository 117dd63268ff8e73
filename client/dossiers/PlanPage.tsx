/**
 * A department's annual list of planned dossiers (danh mục hồ sơ), /dossiers/plan?department=&year=.
 * Read by the department's members; kept by its leaders, clerks and administrators
 * (shared/permissions canViewDossierPlan / canEditDossierPlan; the server decides again). Items
 * already opened as dossiers cannot be removed (the server answers 409 too). Data: GET/PUT
 * /api/departments/:id/dossier-plan?year= (server/dossiers/plan-routes.ts); Save sends the whole list.
 */
import { createEffect, createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { t } from '../i18n/i18n';
import { usePageTitle } from '../app/page-title';
import { navigate, route } from '../app/router';
import { api } from '../data/api';
import { user } from '../session/session';
import { policyActor } from '../session/actor';
import { errorMessage } from '../ui/error-message';
import { ErrorAlert } from '../ui/ErrorAlert';
import { notify } from '../ui/toast';
import { canEditDossierPlan, canViewDossierPlan } from '../../shared/permissions/dossiers';
import { dossiersApi } from './dossiers-api';
import { departmentsFor } from './actor';
import './dossiers.css';

interface Row { key: string; notation: string; title: string; retention: string; description: string; dossierId: string | null }
let rowKey = 0;
const blank = (): Row => ({ key: `new-${++rowKey}`, notation: '', title: '', retention: '10', description: '', dossierId: null });

export default function PlanPage() {
  usePageTitle(() => t('dossiers.plan.title'));
  const params = createMemo(() => new URLSearchParams(route().search));
  const [directory] = createResource(() => api.directory().catch(() => null));
  const me = () => policyActor(user()!);
  /** Departments whose list the caller may read. */
  const departments = () => departmentsFor(user()!, directory()?.departments, canViewDossierPlan);
  const department = () => params().get('department') || departments()[0]?.id || '';
  const year = () => Number(params().get('year')) || new Date().getFullYear();
  const editable = () => !!department() && canEditDossierPlan(me(), department());
  const [plan, { refetch }] = createResource(() => (department() ? { department: department(), year: year() } : null), (p) => dossiersApi.plan(p.department, p.year));
  const [rows, setRows] = createSignal<Row[]>([]);
  const [saving, setSaving] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  createEffect(() => {
    const loaded = plan();
    if (loaded) setRows(loaded.items.map((i) => ({ key: i.id, notation: i.notation, title: i.title, retention: i.retention, description: i.description ?? '', dossierId: i.dossierId })));
  });
  const go = (next: { department?: string; year?: number }) =>
    navigate(`/dossiers/plan?${new URLSearchParams({ department: next.department ?? department(), year: String(next.year ?? year()) })}`, { replace: true });
  const change = (key: string, field: 'notation' | 'title' | 'retention' | 'description', value: string) =>
    setRows((list) => list.map((r) => (r.key === key ? { ...r, [field]: value } : r)));

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const items = rows().map((r) => ({ notation: r.notation.trim(), title: r.title.trim(), retention: r.retention.trim(), ...(r.description.trim() ? { description: r.description.trim() } : {}) }));
      await dossiersApi.savePlan(department(), year(), items);
      notify(t('dossiers.plan.saved'));
      await refetch();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div class="page plan-page">
      <div class="page__header">
        <div>
          <h1>{t('dossiers.plan.title')}</h1>
          <p class="page__intro">{t('dossiers.plan.intro')}</p>
        </div>
        <a class="button" href="/dossiers">{t('dossiers.title')}</a>
      </div>
      <div class="plan-page__scope">
        <label>
          {t('dossiers.department')}
          <select value={department()} onChange={(e) => go({ department: e.currentTarget.value })}>
            <For each={departments()}>{(d) => <option value={d.id}>{d.name}</option>}</For>
          </select>
        </label>
        <label>
          {t('dossiers.filterYear')}
          <input type="number" min="1900" max="2999" value={year()} onChange={(e) => go({ year: Number(e.currentTarget.value) })} />
        </label>
      </div>
      <ErrorAlert message={error() ?? (plan.error ? errorMessage(plan.error) : null)} />
      <form onSubmit={(e) => void save(e)}>
        <div class="plan-table__scroll" tabindex="0" role="region" aria-label={t('dossiers.plan.title')}>
          <table class="table plan-table">
            <thead>
              <tr>
                <th scope="col">{t('dossiers.notation')}</th>
                <th scope="col">{t('dossiers.plan.itemTitle')}</th>
                <th scope="col">{t('dossiers.retention')}</th>
                <th scope="col">{t('dossiers.plan.description')}</th>
                <th scope="col"><span class="visually-hidden">{t('common.edit')}</span></th>
              </tr>
            </thead>
            <tbody>
              <For each={rows()} fallback={<tr><td colSpan={5}>{t('dossiers.plan.empty')}</td></tr>}>
                {(row, index) => (
                  <tr data-notation={row.notation}>
                    <td><input aria-label={`${t('dossiers.notation')} ${index() + 1}`} required maxlength="50" value={row.notation} readOnly={!editable() || !!row.dossierId} onInput={(e) => change(row.key, 'notation', e.currentTarget.value)} /></td>
                    <td><input aria-label={`${t('dossiers.plan.itemTitle')} ${index() + 1}`} required maxlength="500" value={row.title} readOnly={!editable()} onInput={(e) => change(row.key, 'title', e.currentTarget.value)} /></td>
                    <td><input aria-label={`${t('dossiers.retention')} ${index() + 1}`} required pattern="permanent|[1-9][0-9]{0,2}" title={t('dossiers.retentionHint')} value={row.retention} readOnly={!editable()} onInput={(e) => change(row.key, 'retention', e.currentTarget.value)} /></td>
                    <td><input aria-label={`${t('dossiers.plan.description')} ${index() + 1}`} maxlength="4000" value={row.description} readOnly={!editable()} onInput={(e) => change(row.key, 'description', e.currentTarget.value)} /></td>
                    <td>
                      <Show when={row.dossierId} fallback={
                        <Show when={editable()}>
                          <button type="button" class="button button--quiet" onClick={() => setRows((list) => list.filter((r) => r.key !== row.key))}>{t('dossiers.plan.remove')}</button>
                        </Show>
                      }>
                        <a href={`/dossiers/${row.dossierId}`}>{t('dossiers.plan.opened')}</a>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <Show when={editable()}>
          <div class="page__actions plan-page__actions">
            <button type="button" class="button" onClick={() => setRows((list) => [...list, blank()])}>{t('dossiers.plan.add')}</button>
            <button type="submit" class="button button--primary" disabled={saving()}>{t('dossiers.plan.save')}</button>
          </div>
        </Show>
      </form>
    </div>
  );
}

/**
 * Work dossiers the caller may see (the server filters by visibility), with filters by department,
 * year and state kept in the address (`/dossiers?department=&year=&state=`), so a filtered list can
 * be bookmarked or shared.
 */
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { t, type MessageKey } from '../i18n/i18n';
import { usePageTitle } from '../app/page-title';
import { navigate, route } from '../app/router';
import { api } from '../data/api';
import { errorMessage } from '../ui/error-message';
import { ErrorAlert } from '../ui/ErrorAlert';
import { user } from '../session/session';
import { canCreateDossier } from '../../shared/permissions/dossiers';
import { canBrowseAudit } from '../../shared/permissions/audit';
import { OpenDossierDialog } from './OpenDossierDialog';
import { departmentsFor } from './actor';
import { dossierStates, dossiersApi, type DossierFilter, type DossierState } from './dossiers-api';
import './dossiers.css';

export const stateLabel = (state: DossierState) => t(`dossiers.state.${state}` as MessageKey);

export default function DossiersPage() {
  usePageTitle(() => t('dossiers.title'));
  const params = createMemo(() => new URLSearchParams(route().search));
  const filter = createMemo((): DossierFilter => {
    const p = params();
    const year = Number(p.get('year'));
    const state = p.get('state') as DossierState | null;
    return {
      department: p.get('department') || undefined,
      year: Number.isInteger(year) && year >= 1900 && year <= 2999 ? year : undefined,
      state: state && dossierStates.includes(state) ? state : undefined,
    };
  });
  const [list] = createResource(filter, (f) => dossiersApi.list(f));
  const [directory] = createResource(() => api.directory().catch(() => null));
  const departmentName = (id: string) => directory()?.departments.find((d) => d.id === id)?.name ?? '';
  const [opening, setOpening] = createSignal(false);
  /** Where the caller may open dossiers. */
  const openable = () => (user() ? departmentsFor(user()!, directory()?.departments, canCreateDossier) : []);
  const setFilter = (key: 'department' | 'year' | 'state', value: string) => {
    const next = new URLSearchParams(params());
    if (value) next.set(key, value);
    else next.delete(key);
    const query = next.toString();
    navigate(`/dossiers${query ? `?${query}` : ''}`, { replace: true });
  };
  return (
    <div class="page dossiers-page">
      <div class="page__header">
        <div>
          <h1>{t('dossiers.title')}</h1>
          <p class="page__intro">{t('dossiers.intro')}</p>
        </div>
        <div class="page__actions">
          <a class="button" href="/dossiers/plan">
            {t('dossiers.plan.link')}
          </a>
          <Show when={canBrowseAudit(user()!)}>
            <a class="button" href="/audit">
              {t('audit.title')}
            </a>
          </Show>
          <Show when={openable().length > 0}>
            <button type="button" class="button button--primary" onClick={() => setOpening(true)}>
              {t('dossiers.open')}
            </button>
          </Show>
        </div>
      </div>
      <Show when={opening()}>
        <OpenDossierDialog departments={openable()} onClose={() => setOpening(false)} onOpened={(id) => navigate(`/dossiers/${id}`)} />
      </Show>
      <div class="dossiers-filters">
        <label class="field">
          <span>{t('dossiers.filterDepartment')}</span>
          <select value={filter().department ?? ''} onChange={(e) => setFilter('department', e.currentTarget.value)}>
            <option value="">{t('dossiers.any')}</option>
            <For each={directory()?.departments ?? []}>{(d) => <option value={d.id}>{d.name}</option>}</For>
          </select>
        </label>
        <label class="field">
          <span>{t('dossiers.filterYear')}</span>
          <input type="number" inputmode="numeric" min="1900" max="2999" value={filter().year ?? ''} onChange={(e) => setFilter('year', e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('dossiers.filterState')}</span>
          <select value={filter().state ?? ''} onChange={(e) => setFilter('state', e.currentTarget.value)}>
            <option value="">{t('dossiers.any')}</option>
            <For each={dossierStates}>{(s) => <option value={s}>{stateLabel(s)}</option>}</For>
          </select>
        </label>
      </div>
      <ErrorAlert message={list.error ? errorMessage(list.error) : null} />
      <Show when={list.latest}>
        {(found) => (
          <Show when={found().dossiers.length > 0} fallback={<p>{t('dossiers.empty')}</p>}>
            <div class="table-scroll">
              <table class="table dossiers-table" data-testid="dossiers">
                <thead>
                  <tr>
                    <th scope="col">{t('dossiers.colFileCode')}</th>
                    <th scope="col">{t('dossiers.colTitle')}</th>
                    <th scope="col" class="hide-narrow">{t('dossiers.department')}</th>
                    <th scope="col">{t('dossiers.colYear')}</th>
                    <th scope="col">{t('dossiers.colState')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={found().dossiers}>
                    {(d) => (
                      <tr>
                        <td class="dossiers-table__code">
                          <a href={`/dossiers/${d.id}`}>{d.fileCode}</a>
                        </td>
                        <td>{d.title}</td>
                        <td class="hide-narrow">{departmentName(d.departmentId)}</td>
                        <td>{d.year}</td>
                        <td>
                          <span class="dossier-state" data-state={d.state}>
                            {stateLabel(d.state)}
                          </span>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        )}
      </Show>
    </div>
  );
}

/**
 * The audit trail (/audit): administrators browse all of it, clerks the records part
 * (shared/permissions/audit.ts; the server filters again in SQL). Filters by action prefix,
 * outcome and period; "Show older events" pages on with `before`; the CSV link carries the same
 * filters (the download is itself audited). Data: GET /api/audit, /api/audit.csv.
 */
import { createSignal, For, Show } from 'solid-js';
import { t, locale } from '../i18n/i18n';
import { formatDateTime } from '../i18n/format';
import { usePageTitle } from '../app/page-title';
import { user } from '../session/session';
import { errorMessage } from '../ui/error-message';
import { ErrorAlert } from '../ui/ErrorAlert';
import { auditScope } from '../../shared/permissions/audit';
import { localInputToIso } from '../rounds/time';
import { auditApi, type AuditEvent, type AuditQuery } from './audit-api';
import './audit.css';

const outcomes = ['success', 'failure', 'denied'] as const;

export default function AuditPage() {
  usePageTitle(() => t('audit.title'));
  const scope = () => auditScope(user()!);
  const [query, setQuery] = createSignal<AuditQuery>({});
  const [events, setEvents] = createSignal<AuditEvent[]>([]);
  const [next, setNext] = createSignal<number | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const load = async (q: AuditQuery, before?: number) => {
    setLoading(true);
    setError(null);
    try {
      const page = await auditApi.list(q, before);
      setEvents((list) => (before ? [...list, ...page.events] : page.events));
      setNext(page.nextBefore);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  };
  if (scope() !== 'none') void load({});

  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const q: AuditQuery = {
      action: text('action') || undefined,
      outcome: (text('outcome') || undefined) as AuditQuery['outcome'],
      from: text('from') ? localInputToIso(text('from')) : undefined,
      to: text('to') ? localInputToIso(text('to')) : undefined,
    };
    setQuery(q);
    void load(q);
  };

  return (
    <div class="page audit-page">
      <div class="page__header">
        <div>
          <h1>{t('audit.title')}</h1>
          <p class="page__intro">{t('audit.intro')}</p>
          <Show when={scope() === 'records'}>
            <p class="page__intro">{t('audit.introClerk')}</p>
          </Show>
        </div>
      </div>
      <Show when={scope() !== 'none'} fallback={<ErrorAlert message={t('error.forbidden')} />}>
        <form class="audit-filters" onSubmit={apply}>
          <label>
            {t('audit.action')}
            <input name="action" maxlength="100" placeholder="record." />
          </label>
          <label>
            {t('audit.outcome')}
            <select name="outcome">
              <option value="">{t('audit.anyOutcome')}</option>
              <For each={outcomes}>{(o) => <option value={o}>{t(`audit.outcome.${o}`)}</option>}</For>
            </select>
          </label>
          <label>
            {t('audit.from')}
            <input name="from" type="datetime-local" />
          </label>
          <label>
            {t('audit.to')}
            <input name="to" type="datetime-local" />
          </label>
          <button type="submit" class="button button--primary">{t('audit.apply')}</button>
          <a class="button" href={auditApi.csvUrl(query())} download="audit.csv">{t('audit.csv')}</a>
        </form>
        <ErrorAlert message={error()} />
        <div class="audit-table__scroll" tabindex="0" role="region" aria-label={t('audit.title')}>
          <table class="table audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.what')}</th>
                <th scope="col">{t('audit.outcome')}</th>
                <th scope="col">{t('audit.object')}</th>
                <th scope="col">{t('audit.address')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={events()} fallback={<tr><td colSpan={6}>{loading() ? '…' : t('audit.none')}</td></tr>}>
                {(e) => (
                  <tr data-seq={e.seq} data-action={e.action}>
                    <td>{formatDateTime(e.occurredAt, locale())}</td>
                    <td>{e.actorName ?? t('audit.system')}</td>
                    <td><code>{e.action}</code></td>
                    <td data-outcome={e.outcome}>{t(`audit.outcome.${e.outcome}` as 'audit.outcome.success')}</td>
                    <td>{e.objectType ? <><span>{e.objectType}</span> <code title={e.objectId ?? ''}>{(e.objectId ?? '').slice(0, 8)}</code></> : ''}</td>
                    <td>{e.ip ?? ''}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <Show when={next()}>
          <button type="button" class="button" disabled={loading()} onClick={() => void load(query(), next()!)}>
            {t('audit.more')}
          </button>
        </Show>
      </Show>
    </div>
  );
}

/**
 * The processing dashboard ("the district centre monitors processing"): per signer and per
 * department, documents waiting now, the longest current wait, how many were signed in the period
 * with their median and 90th-percentile time to sign, and returns. Data: GET
 * /api/signatures/dashboard?from=&to= (server/signatures/dashboard.ts); the CSV link carries the
 * same period. Shown to leaders, clerks and administrators (shared/permissions canViewProcessing;
 * the server decides again). Tables scroll sideways at 768 px.
 */
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { t } from '../i18n/i18n';
import { errorMessage } from '../ui/error-message';
import { ErrorAlert } from '../ui/ErrorAlert';
import { duration } from '../rounds/time';
import { signaturesApi, type ProcessingRow } from './signatures-api';

const periods = [7, 30, 90, 365] as const;
const DAY = 86_400_000;

const seconds = (s: number | null) => (s === null ? '—' : duration(s * 1000));

function ProcessingTable(props: { caption: string; scope: 'signer' | 'department'; rows: ProcessingRow[] }) {
  return (
    <div class="processing-table__scroll" tabindex="0" role="region" aria-label={props.caption}>
      <table class="processing-table" data-scope={props.scope}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t(props.scope === 'signer' ? 'signatures.dashboard.signer' : 'signatures.dashboard.department')}</th>
            <th scope="col">{t('signatures.dashboard.waitingNow')}</th>
            <th scope="col">{t('signatures.dashboard.longestWait')}</th>
            <th scope="col">{t('signatures.dashboard.signed')}</th>
            <th scope="col">{t('signatures.dashboard.median')}</th>
            <th scope="col">{t('signatures.dashboard.p90')}</th>
            <th scope="col">{t('signatures.dashboard.returns')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows} fallback={<tr><td colSpan={7}>{t('signatures.dashboard.none')}</td></tr>}>
            {(row) => (
              <tr data-id={row.id}>
                <th scope="row">{row.name}</th>
                <td data-col="waiting" classList={{ 'processing-table__late': row.waitingNow > 0 && (row.longestWaitSeconds ?? 0) >= 2 * 86_400 }}>{row.waitingNow}</td>
                <td data-col="longest">{seconds(row.longestWaitSeconds)}</td>
                <td data-col="signed">{row.signed}</td>
                <td data-col="median">{seconds(row.medianSeconds)}</td>
                <td data-col="p90">{seconds(row.p90Seconds)}</td>
                <td data-col="returns">{row.returns}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

export default function ProcessingDashboard() {
  const [days, setDays] = createSignal<(typeof periods)[number]>(30);
  // One period per choice, so the table and the CSV link cover exactly the same span.
  const period = createMemo(() => {
    const to = new Date();
    return { from: new Date(to.getTime() - days() * DAY).toISOString(), to: to.toISOString() };
  });
  const [stats] = createResource(period, (p) => signaturesApi.dashboard(p));
  const csvHref = () => `${signaturesApi.dashboardCsvUrl}?${new URLSearchParams(period())}`;
  return (
    <section class="processing" aria-labelledby="processing-heading">
      <div class="processing__header">
        <h2 id="processing-heading">{t('signatures.dashboard.title')}</h2>
        <label>
          {t('signatures.dashboard.period')}
          <select value={days()} onChange={(e) => setDays(Number(e.currentTarget.value) as (typeof periods)[number])}>
            <For each={periods}>{(d) => <option value={d}>{t('signatures.dashboard.lastDays', { days: d })}</option>}</For>
          </select>
        </label>
        <a class="button" href={csvHref()} download="processing.csv">{t('signatures.dashboardCsv')}</a>
      </div>
      <p class="page__intro">{t('signatures.dashboard.intro')}</p>
      <Show when={stats()} fallback={<ErrorAlert message={stats.error ? errorMessage(stats.error) : null} />}>
        {(s) => (
          <>
            <ProcessingTable caption={t('signatures.dashboard.bySigner')} scope="signer" rows={s().signers} />
            <ProcessingTable caption={t('signatures.dashboard.byDepartment')} scope="department" rows={s().departments} />
          </>
        )}
      </Show>
    </section>
  );
}

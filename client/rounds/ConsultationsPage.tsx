/**
 * Consultations: for a presiding officer every round they opened (progress bars, next deadline,
 * those with late departments first); for a department member the rounds waiting for their
 * department's answer, soonest deadline first, overdue highlighted. Fits 768 px and touch.
 */
import { createResource, For, onCleanup, Show } from 'solid-js';
import { t } from '../i18n/i18n';
import { usePageTitle } from '../app/page-title';
import { errorMessage } from '../ui/error-message';
import { ErrorAlert } from '../ui/ErrorAlert';
import { notificationsStore } from '../notifications/store';
import { createEffect, on } from 'solid-js';
import { ProgressBar } from './RoundProgress';
import { roundsApi } from './rounds-api';
import { agencyTime, duration } from './time';
import type { RoundSummaryDto } from '../../shared/rounds/api';
import './rounds.css';

function RoundCard(props: { round: RoundSummaryDto; timeZone: string; now: string; waiting?: boolean }) {
  const left = () => Date.parse(props.round.deadline) - Date.parse(props.now);
  const overdue = () => props.round.state === 'open' && left() < 0;
  return (
    <li class="consultation" classList={{ 'consultation--overdue': overdue() }} data-round={props.round.id}>
      <a class="consultation__link" href={`/documents/${props.round.documentId}`}>
        <span class="consultation__title">{props.round.title}</span>
        <span class="consultation__document">{props.round.documentTitle}</span>
      </a>
      <p class="consultation__meta">
        {t('rounds.deadlineAt', { time: agencyTime(props.round.deadline, props.timeZone) })}
        <Show when={props.round.state === 'open'}> · {overdue() ? t('rounds.overdue', { time: duration(left()) }) : t('rounds.timeLeft', { time: duration(left()) })}</Show>
        <Show when={props.round.state === 'closed'}> · {t('consultations.closed')}</Show>
      </p>
      <Show when={props.waiting && props.round.waitingDepartments}>
        {(depts) => <p class="consultation__meta">{t('consultations.for', { departments: depts().map((d) => d.name).join(', ') })}</p>}
      </Show>
      <ProgressBar totals={props.round.totals} />
      <p class="consultation__meta">{t('rounds.progress', { answered: props.round.totals.answered, total: props.round.totals.departments, late: props.round.totals.late })}</p>
    </li>
  );
}

export default function ConsultationsPage() {
  usePageTitle(() => t('consultations.title'));
  const [data, { refetch }] = createResource(() => roundsApi.consultations());
  createEffect(on(notificationsStore.unread, () => void refetch(), { defer: true }));
  const timer = setInterval(() => void refetch(), 30_000);
  onCleanup(() => clearInterval(timer));
  return (
    <div class="page consultations-page">
      <div class="page__header">
        <div>
          <h1>{t('consultations.title')}</h1>
          <p class="page__intro">{t('consultations.intro')}</p>
        </div>
      </div>
      <ErrorAlert message={data.error ? errorMessage(data.error) : null} />
      <Show when={data.latest}>
        {(d) => (
          <div class="consultations">
            <section aria-labelledby="waiting-heading">
              <h2 id="waiting-heading">{t('consultations.waiting')}</h2>
              <Show when={d().waiting.length > 0} fallback={<p>{t('consultations.waitingNone')}</p>}>
                <ul class="consultation-list" data-testid="waiting">
                  <For each={d().waiting}>{(r) => <RoundCard round={r} timeZone={d().timeZone} now={d().now} waiting />}</For>
                </ul>
              </Show>
            </section>
            <section aria-labelledby="presiding-heading">
              <h2 id="presiding-heading">{t('consultations.presiding')}</h2>
              <Show when={d().presiding.length > 0} fallback={<p>{t('consultations.presidingNone')}</p>}>
                <ul class="consultation-list" data-testid="presiding">
                  <For each={d().presiding}>{(r) => <RoundCard round={r} timeZone={d().timeZone} now={d().now} />}</For>
                </ul>
              </Show>
            </section>
          </div>
        )}
      </Show>
    </div>
  );
}

/** One round's progress: per department its status, position and comments; totals as a bar. */
import { For, Show } from 'solid-js';
import { t } from '../i18n/i18n';
import { agencyTime, duration } from './time';
import type { RoundDto, RoundTotals } from '../../shared/rounds/api';

export function ProgressBar(props: { totals: RoundTotals }) {
  const pct = (n: number) => `${props.totals.departments ? (100 * n) / props.totals.departments : 0}%`;
  return (
    <div
      class="round-bar"
      role="img"
      aria-label={t('rounds.progress', { answered: props.totals.answered, total: props.totals.departments, late: props.totals.late })}
    >
      <span class="round-bar__answered" style={{ width: pct(props.totals.answered) }} />
      <span class="round-bar__late" style={{ width: pct(props.totals.late) }} />
    </div>
  );
}

export function RoundProgress(props: { round: RoundDto }) {
  const r = () => props.round;
  return (
    <section class="round-progress" aria-label={t('rounds.roundNumber', { number: r().number, title: r().title })}>
      <h3>{t('rounds.roundNumber', { number: r().number, title: r().title })}</h3>
      <p class="round-progress__meta">
        {t('rounds.deadlineAt', { time: agencyTime(r().deadline, r().timeZone) })} · {t('rounds.presidedBy', { name: r().presidingOfficer.name })}
      </p>
      <Show when={r().closedAt}>{(at) => <p class="round-progress__meta">{t('rounds.closed', { time: agencyTime(at(), r().timeZone) })}</p>}</Show>
      <ProgressBar totals={r().totals} />
      <p class="round-progress__totals" data-testid="round-totals">
        {t('rounds.progress', { answered: r().totals.answered, total: r().totals.departments, late: r().totals.late })}
      </p>
      <ul class="round-departments">
        <For each={r().departments}>
          {(d) => (
            <li class={`round-department round-department--${d.status}`} data-department={d.department.id}>
              <div class="round-department__head">
                <strong>{d.department.name}</strong>
                <span class="round-department__role">{t(d.role === 'lead' ? 'rounds.role.lead' : 'rounds.role.cooperating')}</span>
                <span class={`status-pill status-pill--${d.status}`} data-status={d.status}>
                  {t(`rounds.status.${d.status}`)}
                </span>
              </div>
              <div class="round-department__detail">
                <Show when={d.position}>{(p) => <span>{t(`rounds.position.${p()}`)}</span>}</Show>
                <span>{t('rounds.comments', { count: d.comments })}</span>
                <Show when={r().state === 'open' && !d.respondedAt}>
                  <span>{d.timeLeftMs >= 0 ? t('rounds.timeLeft', { time: duration(d.timeLeftMs) }) : t('rounds.overdue', { time: duration(d.timeLeftMs) })}</span>
                </Show>
              </div>
              <Show when={d.summary}>{(s) => <p class="round-department__summary">{s()}</p>}</Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={r().openedSeq !== null}>
        <p class="round-progress__meta">{t('rounds.recordSeqs', { opened: r().openedSeq ?? '—', closed: r().closedSeq ?? '—' })}</p>
      </Show>
    </section>
  );
}

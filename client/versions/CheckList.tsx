/** Every check of a bundle report, failures first, each by its name in the person's language (the verifier's own id stays in `data-check`). */
import { For } from 'solid-js';
import { t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import type { BundleReport, CheckStatus } from '../../shared/records/verify-bundle';

const order: Record<CheckStatus, number> = { fail: 0, skipped: 1, pass: 2 };
const statusText = { pass: 'verify.pass', fail: 'verify.fail', skipped: 'verify.skipped' } as const;

export function CheckList(props: { id: string; report: BundleReport }) {
  const failed = () => props.report.checks.filter((c) => c.status !== 'pass').length;
  const sorted = () => [...props.report.checks].sort((a, b) => order[a.status] - order[b.status]);
  return (
    <div id={props.id} class="check-report">
      <p class="check-report__summary">
        {props.report.ok ? t('verify.allPassed', { count: props.report.checks.length }) : t('verify.someFailed', { count: failed() })}
      </p>
      <ul class="check-list">
        <For each={sorted()}>
          {(check) => (
            <li class="check-item" data-check={check.check} data-status={check.status}>
              <Icon name={check.status === 'pass' ? 'check' : 'close'} size={16} />
              <span class="check-item__name">{t(`check.${check.check}`)}</span>
              <span class="check-item__status">{t(statusText[check.status])}</span>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}

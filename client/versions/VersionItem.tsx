/**
 * One version in the history: number, label, who froze it (with department) and when, a final
 * marker, the badge computed in this browser (only once the row has been scrolled into view) and
 * a button to open it.
 */
import { Show } from 'solid-js';
import { dateTime, t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import type { VersionDto } from '../../shared/records/api';
import { frozenBy } from './frozen-by';
import { useVerification } from './use-verification';
import { VerificationBadge } from './VerificationBadge';
import { createSeen } from './visible';

export function VersionItem(props: { version: VersionDto; onOpen: (version: VersionDto) => void }) {
  const [seen, ref] = createSeen();
  const [verification, retry] = useVerification(() => seen() && props.version.seq);
  return (
    <li ref={ref} class="version" data-version={props.version.version} data-seq={props.version.seq}>
      <div class="version__head">
        <span class="version__number">{t('versions.number', { version: props.version.version })}</span>
        <Show when={props.version.final}>
          <span class="badge badge--final">{t('versions.final')}</span>
        </Show>
        <time class="version__when" datetime={props.version.frozenAt}>
          {dateTime(props.version.frozenAt)}
        </time>
      </div>
      <p class="version__label">{props.version.label}</p>
      <p class="version__by">
        <Icon name="user" size={14} />
        {frozenBy(props.version)}
      </p>
      <div class="version__foot">
        <VerificationBadge verification={verification()} version={props.version.version} onRetry={retry} />
        <button
          type="button"
          class="button button--small version__open"
          aria-label={t('versions.openLabel', { version: props.version.version, label: props.version.label })}
          onClick={() => props.onOpen(props.version)}
        >
          <Icon name="eye" size={16} />
          {t('versions.open')}
        </button>
      </div>
    </li>
  );
}

/** One grant in the share dialog: who, their access level (changeable), revoke. */
import { For } from 'solid-js';
import type { GrantLevel } from '../../shared/permissions';
import { t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import { subjectKey, type GrantEntry } from './grants';

export function GrantRow(props: { entry: GrantEntry; levels: readonly GrantLevel[]; onLevel: (level: GrantLevel) => void; onRevoke: (key: string) => void; owner?: boolean }) {
  const name = () => props.entry.subject.name;
  return (
    <li class="grant" data-subject={subjectKey(props.entry.subject)}>
      <Icon name={props.entry.subject.kind === 'department' ? 'building' : 'user'} size={18} />
      <span class="grant__who">
        <span class="grant__name">{name()}</span>
        <span class="grant__detail">{props.owner ? t('share.owningDepartment') : props.entry.subject.kind === 'department' ? t('common.department') : props.entry.subject.detail}</span>
      </span>
      <select aria-label={t('share.levelFor', { name: name() })} value={props.entry.level} onChange={(e) => props.onLevel(e.currentTarget.value as GrantLevel)}>
        <For each={[...props.levels]}>{(level) => <option value={level}>{t(`access.${level}`)}</option>}</For>
      </select>
      <button type="button" class="icon-button" aria-label={t('share.removeFor', { name: name() })} onClick={() => props.onRevoke(subjectKey(props.entry.subject))}>
        <Icon name="close" size={18} />
      </button>
    </li>
  );
}

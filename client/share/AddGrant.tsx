/** The "grant access" row: pick a department or person not granted yet, a level, add. */
import { createSignal, For } from 'solid-js';
import type { DirectoryDto } from '../../shared/api';
import { accessLevels, type GrantLevel } from '../../shared/permissions';
import { t } from '../i18n/i18n';
import { Field } from '../ui/Field';
import { Icon } from '../ui/Icon';
import { candidates, subjectKey, type GrantEntry, type Subject } from './grants';

export function AddGrant(props: { directory: DirectoryDto; entries: GrantEntry[]; onAdd: (subject: Subject, level: GrantLevel) => void }) {
  const [choice, setChoice] = createSignal('');
  const [level, setLevel] = createSignal<GrantLevel>('view');
  const offer = () => candidates(props.directory, props.entries);
  const add = (event: SubmitEvent) => {
    event.preventDefault();
    const all = [...offer().departments, ...offer().users];
    const subject = all.find((s) => subjectKey(s) === choice());
    if (!subject) return;
    props.onAdd(subject, level());
    setChoice('');
  };
  return (
    <form class="add-grant" onSubmit={add}>
      <h3 class="section-title">{t('share.add')}</h3>
      <div class="add-grant__row">
        <Field label={t('share.subject')} class="field--grow">
          {(id) => (
          <select id={id} name="subject" value={choice()} onChange={(e) => setChoice(e.currentTarget.value)}>
            <option value="">{t('share.choose')}</option>
            <optgroup label={t('share.departments')}>
              <For each={offer().departments}>{(s) => <option value={subjectKey(s)}>{s.name}</option>}</For>
            </optgroup>
            <optgroup label={t('share.people')}>
              <For each={offer().users}>{(s) => <option value={subjectKey(s)}>{s.detail ? `${s.name} — ${s.detail}` : s.name}</option>}</For>
            </optgroup>
          </select>
          )}
        </Field>
        <Field label={t('share.level')}>
          {(id) => (
            <select id={id} name="level" value={level()} onChange={(e) => setLevel(e.currentTarget.value as GrantLevel)}>
              <For each={[...accessLevels]}>{(l) => <option value={l}>{t(`access.${l}`)}</option>}</For>
            </select>
          )}
        </Field>
        <button type="submit" class="button" disabled={!choice()}>
          <Icon name="plus" size={18} />
          <span>{t('share.add')}</span>
        </button>
      </div>
    </form>
  );
}

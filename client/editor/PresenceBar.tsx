/** Who is in the draft now: an avatar in the department colour, the name and the department. */
import { For } from 'solid-js';
import { t } from '../i18n/i18n';
import { initials, type Person } from '../realtime/presence';

export function PresenceBar(props: { people: Person[] }) {
  return (
    <section class="presence" aria-label={t('presence.label')}>
      <span class="presence__count">{t('presence.count', { count: props.people.length })}</span>
      <ul class="presence__list">
        <For each={props.people}>
          {(person) => (
            <li class="person" classList={{ 'person--self': person.self }} style={{ '--person-color': person.color, '--person-text': person.textColor }} data-user-id={person.userId}>
              <span class="avatar" aria-hidden="true">
                {initials(person.name)}
              </span>
              <span class="person__text">
                <span class="person__name">
                  {person.name}
                  {person.self ? ` (${t('presence.you')})` : ''}
                </span>
                <span class="person__department">{person.department}</span>
              </span>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}

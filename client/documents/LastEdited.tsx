/** "5 minutes ago by Name", with the exact date and time in the `<time>` element. */
import { Show } from 'solid-js';
import { dateTime, relative, t } from '../i18n/i18n';
import type { DocumentSummary } from './documents-store';

export function LastEdited(props: { doc: DocumentSummary }) {
  const when = () => props.doc.lastEditedAt ?? props.doc.updatedAt;
  return (
    <Show when={props.doc.lastEditedAt || props.doc.lastEditedBy} fallback={<span class="muted">{t('documents.notEdited')}</span>}>
      <time datetime={when()} title={dateTime(when())}>
        <Show when={props.doc.lastEditedBy} fallback={relative(when())}>
          {(by) => t('documents.editedBy', { when: relative(when()), name: by().name })}
        </Show>
      </time>
    </Show>
  );
}

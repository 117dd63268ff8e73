/**
 * The two places the draft workspace shows comments: a toggle in its action bar (with the count of
 * open threads) and the side panel in its body. Both read one controller made by the workspace.
 */
import { Show } from 'solid-js';
import { t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import type { User } from '../session/session';
import type { AccessLevel } from '../../shared/permissions';
import type { CommentsController } from './comments-controller';
import { CommentsPanel } from './CommentsPanel';

const panelId = 'comments-panel';

export function CommentsToggle(props: { controller: CommentsController }) {
  const c = props.controller;
  return (
    <button
      type="button"
      class="button"
      classList={{ 'button--pressed': c.open() }}
      aria-expanded={c.open()}
      aria-controls={panelId}
      aria-label={t('comments.toggleLabel', { count: c.openCount() })}
      onClick={() => c.setOpen(!c.open())}
    >
      <Icon name="comment" size={18} />
      <span class="hide-narrow">{t('comments.toggle')}</span>
      <Show when={c.openCount() > 0}>
        <span class="count-badge" aria-hidden="true">
          {c.openCount()}
        </span>
      </Show>
    </button>
  );
}

export function CommentsSlot(props: { controller: CommentsController; documentId: string; me: User; access: AccessLevel; finalized: boolean }) {
  return (
    <Show when={props.controller.open()}>
      <CommentsPanel
        id={panelId}
        documentId={props.documentId}
        me={props.me}
        access={props.access}
        finalized={props.finalized}
        controller={props.controller}
        onClose={() => props.controller.setOpen(false)}
      />
    </Show>
  );
}

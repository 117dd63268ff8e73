/**
 * Signing out deletes this device's copies of drafts (shared office computers). When some of
 * them hold edits the server has not received, say plainly which drafts would lose them, and
 * make staying (to sync) the default; signing out anyway is a deliberate second choice.
 */
import { For } from 'solid-js';
import { t } from '../i18n/i18n';
import { Dialog } from '../ui/Dialog';
import type { LocalDraft } from './local-data';

export function SignOutDialog(props: { drafts: LocalDraft[]; onStay: () => void; onSignOut: () => void }) {
  return (
    <Dialog title={t('signOut.unsentTitle')} onClose={props.onStay} class="sign-out-dialog">
      <p class="dialog__intro">{t('signOut.unsentIntro', { count: props.drafts.length })}</p>
      <ul class="unsent-drafts">
        <For each={props.drafts}>
          {(draft) => (
            <li>
              <a href={`/documents/${draft.id}`} onClick={() => props.onStay()}>
                {draft.title ?? t('signOut.untitled')}
              </a>
            </li>
          )}
        </For>
      </ul>
      <p>{navigator.onLine ? t('signOut.howToSyncOnline') : t('signOut.howToSyncOffline')}</p>
      <div class="dialog__actions">
        <button type="button" class="button button--danger" onClick={() => props.onSignOut()}>
          {t('signOut.deleteAndSignOut')}
        </button>
        <button type="button" class="button button--primary" autofocus onClick={() => props.onStay()}>
          {t('signOut.stay')}
        </button>
      </div>
    </Dialog>
  );
}

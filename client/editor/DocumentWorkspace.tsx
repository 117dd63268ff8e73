/**
 * An open draft: header (title, department, connection, share), presence, toolbar for editors or
 * a read-only notice, and the paper with the live editor. Re-reads the document's details after
 * each reconnection (access may have changed) and works out why a socket keeps failing.
 */
import type { Editor } from '@tiptap/core';
import { createEffect, createSignal, lazy, on, onCleanup, Show, Suspense } from 'solid-js';
import { api } from '../data/api';
import { ApiError } from '../data/http';
import { guardLeaving } from '../app/leave-guard';
import { createCollabSession } from '../realtime/collab-session';
import { colorOf } from '../realtime/presence';
import type { DocumentDetails } from '../documents/document-meta';
import { t } from '../i18n/i18n';
import { expired, type User } from '../session/session';
import { ShareDialog } from '../share/ShareDialog';
import { ExportMenu } from '../exchange/ExportMenu';
import { Icon } from '../ui/Icon';
import { ConnectionStatus } from './ConnectionStatus';
import { EditorSurface } from './EditorSurface';
import { PresenceBar } from './PresenceBar';
import { TitleEditor } from './TitleEditor';
import { Toolbar } from './Toolbar';
import './editor.css';
import './document.css';
import '../versions/versions.css';
import { usePageTitle } from '../app/page-title';
import { createCommentsController } from '../comments/comments-controller';
import { CommentsSlot, CommentsToggle } from '../comments/CommentsSlot';
import { RoundsSlot, RoundsToggle } from '../rounds/RoundsPanel';
import { IssuedNotice } from '../signatures/IssuedNotice';

/** The version history and its verification code (jose, the record format) load on first use. */
const VersionHistoryPanel = lazy(() => import('../versions/VersionHistoryPanel'));

export function DocumentWorkspace(props: { doc: DocumentDetails; me: User; onChange: (doc: DocumentDetails) => void; refresh: () => void }) {
  const department = props.me.departments[0];
  const self = { id: props.me.id, name: props.me.name, department: department?.name ?? '', departmentId: department?.id };
  // Edits that a reader's socket can never store are discarded, not merged by surprise later.
  const session = createCollabSession(props.doc.id, self, { canEdit: () => editable() });
  usePageTitle(() => props.doc.title);
  const [editor, setEditor] = createSignal<Editor>();
  const comments = createCommentsController(props.doc.id, session, editor);
  const [sharing, setSharing] = createSignal(false);
  const [noAccess, setNoAccess] = createSignal(false);
  const editable = () => props.doc.access === 'edit' && !props.doc.finalizedAt && !noAccess();
  const [history, setHistory] = createSignal(false);
  let historyToggle: HTMLButtonElement | undefined;
  const closeHistory = () => {
    setHistory(false);
    historyToggle?.focus();
  };

  // Leaving loses nothing once unsent edits are on this device (IndexedDB): warn only before that.
  onCleanup(guardLeaving(() => session.unconfirmed() > 0 && !session.storedLocally()));
  createEffect(on(session.syncs, (count) => count > 1 && props.refresh(), { defer: true }));
  createEffect(on(expired, (isExpired, was) => was && !isExpired && session.reconnect(), { defer: true }));
  /** Can I still reach this draft? A 401 opens the sign-in dialog; 403/404 mean access is gone. */
  const checkAccess = async () => {
    try {
      await api.me();
      props.onChange(await api.getDocument(props.doc.id));
      setNoAccess(false);
      session.reconnect();
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
        setNoAccess(true);
        session.stop();
      }
    }
  };
  createEffect(on(session.failures, (failures) => failures >= 2 && failures % 2 === 0 && void checkAccess(), { defer: true }));
  createEffect(on(session.closedCode, (code) => code !== null && void checkAccess(), { defer: true }));
  // Access can change while I am here (someone edits the grants): look again now and then.
  const onVisible = () => document.visibilityState === 'visible' && props.refresh();
  const timer = setInterval(onVisible, 60_000);
  document.addEventListener('visibilitychange', onVisible);
  onCleanup(() => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
  });

  const notice = () => {
    if (noAccess()) return t('editor.noAccess');
    if (props.doc.finalizedAt) return t('editor.finalized');
    if (props.doc.access === 'comment') return t('editor.readOnlyComment');
    if (props.doc.access === 'view') return t('editor.readOnly');
    return null;
  };

  return (
    <div class="workspace">
      <div class="workspace__bar">
        <a class="button button--quiet workspace__back" href="/" aria-label={t('editor.back')}>
          <Icon name="back" size={18} />
          <span class="hide-narrow">{t('editor.back')}</span>
        </a>
        <div class="workspace__title">
          <TitleEditor id={props.doc.id} title={props.doc.title} editable={editable()} onRenamed={(title) => props.onChange({ ...props.doc, title })} />
          <span class="workspace__department">
            <Icon name="building" size={14} />
            {props.doc.department.name}
          </span>
        </div>
        <div class="workspace__actions">
          <ConnectionStatus session={session} />
          <CommentsToggle controller={comments} />
          <RoundsToggle />
          <button
            ref={historyToggle}
            type="button"
            class="button"
            classList={{ 'button--pressed': history() }}
            aria-expanded={history()}
            aria-controls="version-panel"
            aria-label={t('versions.toggleLabel')}
            onClick={() => (history() ? closeHistory() : setHistory(true))}
          >
            <Icon name="history" size={18} />
            <span>{t('versions.toggle')}</span>
          </button>
          <ExportMenu kind="documents" id={props.doc.id} />
          <Show when={props.doc.canManageAccess}>
            <button type="button" class="button" onClick={() => setSharing(true)}>
              <Icon name="share" size={18} />
              <span>{t('editor.share')}</span>
            </button>
          </Show>
        </div>
      </div>
      <PresenceBar people={session.people()} />
      <Show when={props.doc.finalizedAt}>
        <IssuedNotice documentId={props.doc.id} />
      </Show>
      <Show when={editable()} fallback={<Show when={notice()}>{(text) => <p class="read-only-notice" role="note"><Icon name="lock" size={16} />{text()}</p>}</Show>}>
        <Show when={editor()}>{(ready) => <Toolbar editor={ready()} />}</Show>
      </Show>
      <div class="workspace__body">
        <div class="paper-scroll">
          <article class="paper">
            <EditorSurface session={session} user={{ ...self, color: colorOf(self.id, self.departmentId) }} editable={editable()} label={t('editor.contentLabel')} hint={t('editor.emptyHint')} onReady={setEditor} />
          </article>
        </div>
        <CommentsSlot controller={comments} documentId={props.doc.id} me={props.me} access={noAccess() ? 'none' : props.doc.access} finalized={Boolean(props.doc.finalizedAt)} />
        <RoundsSlot documentId={props.doc.id} mayEdit={editable()} departmentId={props.doc.department.id} />
        <Show when={history()}>
          <Suspense fallback={<p class="version-panel version-panel--loading page-loading" role="status">{t('versions.loading')}</p>}>
            <VersionHistoryPanel
              id="version-panel"
              documentId={props.doc.id}
              documentTitle={props.doc.title}
              mayEdit={editable()}
              finalizedAt={props.doc.finalizedAt}
              unsynced={session.unconfirmed()}
              onClose={closeHistory}
              onFinalized={() => props.refresh()}
            />
          </Suspense>
        </Show>
      </div>
      <Show when={sharing()}>
        <ShareDialog documentId={props.doc.id} title={props.doc.title} department={props.doc.department} onClose={() => setSharing(false)} />
      </Show>
    </div>
  );
}

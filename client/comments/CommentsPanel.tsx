/**
 * The comments side panel: filters (open / resolved / all, comments / annotations), buttons to
 * comment or annotate the selection (Ctrl/Cmd+Alt+M) or the whole draft, the new-thread composer,
 * and the threads — annotations first. A drawer over the paper on narrow screens (≤ 1024 px).
 */
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import { notify as toast } from '../ui/toast';
import { errorMessage } from '../ui/error-message';
import type { User } from '../session/session';
import { mayAnnotate, mayCreateThread, type RemarkContext } from '../../shared/permissions/comments';
import type { AccessLevel } from '../../shared/permissions';
import { commentsApi } from './comments-api';
import type { CommentsController } from './comments-controller';
import { Composer } from './Composer';
import { actorOf, ThreadCard } from './ThreadCard';
import './comments.css';

type StateFilter = 'open' | 'resolved' | 'all';
type KindFilter = 'all' | 'comment' | 'annotation';

export function CommentsPanel(props: { id: string; documentId: string; me: User; access: AccessLevel; finalized: boolean; controller: CommentsController; onClose: () => void }) {
  const c = props.controller;
  const me = actorOf(props.me);
  const ctx = (): RemarkContext => ({ access: props.access, finalized: props.finalized });
  const [stateFilter, setStateFilter] = createSignal<StateFilter>('open');
  const [kindFilter, setKindFilter] = createSignal<KindFilter>('all');
  const [hint, setHint] = createSignal<string | null>(null);
  const [people] = createResource(() => props.documentId, async (id) => (await commentsApi.mentionable(id)).people);
  const peopleList = () => people() ?? [];

  const shown = createMemo(() =>
    c.store
      .threads()
      .filter((th) => (stateFilter() === 'all' || th.state === stateFilter() || th.id === c.active()) && (kindFilter() === 'all' || th.kind === kindFilter()))
      // Annotations first, then in order of creation (the server's order).
      .sort((a, b) => Number(b.kind === 'annotation') - Number(a.kind === 'annotation')),
  );

  const start = (kind: 'comment' | 'annotation') => {
    setHint(c.startOnSelection(kind) ? null : t('comments.selectFirst'));
  };

  const send = async (body: string, mentions: string[]) => {
    const draft = c.draft();
    if (!draft) return;
    try {
      const result = await c.store.createThread({ kind: draft.kind, body, anchor: draft.anchor, mentions, quote: draft.quote });
      if (result.notNotified.length) toast(t('comments.notNotified', { count: result.notNotified.length }));
      if (result.queued) toast(t('comments.queued'));
      c.setDraft(null);
      if (result.thread) c.activate(result.thread.id, false);
    } catch (error) {
      toast(t('comments.error', { message: errorMessage(error) }), 'error');
      throw error;
    }
  };

  const reply = (threadId: string) => async (body: string, mentions: string[]) => {
    try {
      const result = await c.store.reply(threadId, body, mentions);
      if (result.notNotified.length) toast(t('comments.notNotified', { count: result.notNotified.length }));
      if (result.queued) toast(t('comments.queued'));
    } catch (error) {
      toast(t('comments.error', { message: errorMessage(error) }), 'error');
      throw error;
    }
  };

  return (
    <aside id={props.id} class="comments-panel" aria-labelledby={`${props.id}-title`}>
      <div class="comments-panel__header">
        <h2 id={`${props.id}-title`}>
          <Icon name="comment" size={18} />
          {t('comments.title')}
        </h2>
        <button type="button" class="button button--quiet button--small" aria-label={t('comments.close')} onClick={() => props.onClose()}>
          <Icon name="close" size={18} />
        </button>
      </div>
      <div class="comments-panel__tools">
        <div class="segmented" role="group" aria-label={t('comments.filterState')}>
          <For each={['open', 'resolved', 'all'] as const}>
            {(value) => (
              <button type="button" class="segmented__option" aria-pressed={stateFilter() === value} onClick={() => setStateFilter(value)}>
                {t(`comments.state.${value}`)}
              </button>
            )}
          </For>
        </div>
        <div class="segmented" role="group" aria-label={t('comments.filterKind')}>
          <For each={['all', 'comment', 'annotation'] as const}>
            {(value) => (
              <button type="button" class="segmented__option" aria-pressed={kindFilter() === value} onClick={() => setKindFilter(value)}>
                {t(`comments.kind.${value}`)}
              </button>
            )}
          </For>
        </div>
        <Show when={mayCreateThread(me, ctx(), 'comment')} fallback={<p class="comments-panel__note">{t(props.finalized ? 'comments.finalized' : 'comments.readOnly')}</p>}>
          <div class="comments-panel__start">
            <button type="button" class="button button--small button--primary" onMouseDown={(e) => e.preventDefault()} onClick={() => start('comment')} aria-keyshortcuts="Control+Alt+M Meta+Alt+M">
              <Icon name="comment" size={16} />
              {t('comments.commentSelection')}
            </button>
            <Show when={mayAnnotate(me)}>
              <button type="button" class="button button--small" onMouseDown={(e) => e.preventDefault()} onClick={() => start('annotation')}>
                <Icon name="pencil" size={16} />
                {t('comments.annotateSelection')}
              </button>
            </Show>
            <button type="button" class="button button--small button--quiet" onClick={() => c.setDraft({ kind: 'comment', anchor: { document: true }, quote: '' })}>
              {t('comments.commentDocument')}
            </button>
          </div>
          <p class="comments-panel__note" role="status">
            {hint() ?? t('comments.shortcutHint')}
          </p>
        </Show>
        <Show when={c.store.queued().length > 0}>
          <p class="comments-panel__queued" role="status">
            {t('comments.queuedCount', { count: c.store.queued().length })}
          </p>
        </Show>
        <For each={c.store.refused()}>
          {(write) => (
            <div class="comments-panel__refused" role="alert" data-local-id={write.localId}>
              <p>{t('comments.refused', { reason: write.reason })}</p>
              <blockquote class="comments-panel__refused-text">{write.body}</blockquote>
              <div class="comments-panel__refused-actions">
                <button type="button" class="button button--small" onClick={() => void navigator.clipboard?.writeText(write.body).then(() => toast(t('comments.refusedCopied')))}>
                  {t('comments.refusedCopy')}
                </button>
                <button type="button" class="button button--small button--quiet" onClick={() => c.store.dismissRefused(write.localId)}>
                  {t('comments.refusedDismiss')}
                </button>
              </div>
            </div>
          )}
        </For>
      </div>
      <div class="comments-panel__scroll">
        <Show when={c.draft()}>
          {(draft) => (
            <section class="thread thread--draft" classList={{ 'thread--annotation': draft().kind === 'annotation' }} aria-label={t(draft().kind === 'annotation' ? 'comments.newAnnotation' : 'comments.newComment')}>
              <p class="thread__quote">{draft().quote ? t('comments.on', { quote: draft().quote.slice(0, 200) }) : t('comments.onDocument')}</p>
              <Composer label={t('comments.bodyLabel')} submitLabel={t('comments.send')} people={peopleList} autofocus onCancel={() => c.setDraft(null)} onSubmit={send} />
            </section>
          )}
        </Show>
        <Show when={c.store.loaded()} fallback={<p class="comments-panel__note">{t('comments.loading')}</p>}>
          <Show when={shown().length > 0} fallback={<p class="comments-panel__note">{t('comments.empty')}</p>}>
            <ul class="thread-list">
              <For each={shown()}>
                {(thread) => (
                  <ThreadCard
                    thread={thread}
                    status={c.liveStatus(thread)}
                    me={me}
                    ctx={ctx()}
                    active={c.active() === thread.id}
                    people={peopleList}
                    onActivate={() => c.activate(c.active() === thread.id ? null : thread.id)}
                    onChanged={c.store.put}
                    onReply={reply(thread.id)}
                  />
                )}
              </For>
            </ul>
          </Show>
        </Show>
      </div>
    </aside>
  );
}

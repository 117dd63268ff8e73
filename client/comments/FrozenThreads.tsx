/**
 * The threads frozen with a version, read only, as the version viewer downloaded and verified them
 * (the bundle's `threads` snapshot, shared/comments/snapshot.ts): annotations first, each with the
 * passage it was on, its comments, and whether it was resolved. Nothing to show for old entries.
 */
import { For, Show } from 'solid-js';
import { dateTime, t } from '../i18n/i18n';
import { threadsSnapshotSchema } from '../../shared/comments/snapshot';
import './comments.css';

export function FrozenThreads(props: { bundle: unknown }) {
  const snapshot = () => {
    const parsed = threadsSnapshotSchema.safeParse((props.bundle as { threads?: unknown } | null)?.threads);
    return parsed.success ? parsed.data : null;
  };
  const ordered = () => [...(snapshot()?.threads ?? [])].sort((a, b) => Number(b.kind === 'annotation') - Number(a.kind === 'annotation'));
  return (
    <Show when={snapshot()}>
      <section class="frozen-threads" aria-labelledby="frozen-threads-title">
        <h3 id="frozen-threads-title">{t('comments.versionThreads')}</h3>
        <Show when={ordered().length > 0} fallback={<p class="comments-panel__note">{t('comments.versionNoThreads')}</p>}>
          <ul class="thread-list">
            <For each={ordered()}>
              {(thread) => (
                <li class="thread" classList={{ 'thread--annotation': thread.kind === 'annotation', 'thread--resolved': thread.state === 'resolved' }} data-kind={thread.kind} data-state={thread.state}>
                  <div class="thread__anchor">
                    <Show when={thread.kind === 'annotation'}>
                      <span class="badge badge--annotation">{t('comments.annotation')}</span>
                    </Show>
                    <Show when={thread.anchor.status === 'document'} fallback={<q class="thread__quote">{thread.anchor.exact}</q>}>
                      <span class="thread__quote">{t('comments.document')}</span>
                    </Show>
                  </div>
                  <ul class="thread__comments">
                    <For each={thread.comments}>
                      {(comment) => (
                        <li class="comment" classList={{ 'comment--deleted': comment.deletedAt !== null }}>
                          <div class="comment__head">
                            <span class="comment__author">{comment.author.name}</span>
                            <Show when={comment.author.role === 'leader'}>
                              <span class="badge badge--leader">{t('comments.leader')}</span>
                            </Show>
                            <Show when={comment.author.department}>{(d) => <span class="comment__dept">{d().name}</span>}</Show>
                            <time class="comment__when" datetime={comment.createdAt}>
                              {dateTime(comment.createdAt)}
                            </time>
                          </div>
                          <Show when={!comment.deletedAt} fallback={<p class="comment__body comment__body--deleted">{t('comments.deleted')}</p>}>
                            <p class="comment__body">{comment.body}</p>
                          </Show>
                        </li>
                      )}
                    </For>
                  </ul>
                  <Show when={thread.resolvedBy}>
                    {(by) => <p class="thread__resolved">{t('comments.resolvedBy', { name: by().name, when: dateTime(thread.resolvedAt!) })}</p>}
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>
    </Show>
  );
}

/**
 * One thread in the panel: what it is anchored to (current passage, orphaned with its old text,
 * or the whole draft), its comments (author, department, leader badge, edited / deleted marks),
 * and what I may do: reply, resolve or reopen, edit or delete my own comments. Decisions come from
 * shared/permissions/comments.ts over my access level.
 */
import { createSignal, For, Show } from 'solid-js';
import { relative, t } from '../i18n/i18n';
import { notify as toast } from '../ui/toast';
import { errorMessage } from '../ui/error-message';
import type { User } from '../session/session';
import { mayChangeComment, mayRemark, mayResolveThread, type RemarkContext } from '../../shared/permissions/comments';
import type { AnchorStatus, CommentDto, ThreadDto } from '../../shared/comments/api';
import { commentsApi } from './comments-api';
import { Composer, type Person } from './Composer';
import { policyActor } from '../session/actor';

export interface Actor {
  id: string;
  isAdmin: boolean;
  leaderDepartmentIds: string[];
}

export const actorOf = (me: User): Actor => policyActor(me);

function CommentItem(props: { comment: CommentDto; me: Actor; ctx: RemarkContext; people: () => Person[]; onChanged: (thread: ThreadDto) => void }) {
  const [editing, setEditing] = createSignal(false);
  const mine = () => mayChangeComment(props.me, props.ctx, { authorId: props.comment.author.id, deleted: props.comment.deletedAt !== null });
  const remove = async () => {
    if (!confirm(t('comments.deleteConfirm'))) return;
    try {
      props.onChanged((await commentsApi.deleteComment(props.comment.id)).thread);
    } catch (error) {
      toast(t('comments.error', { message: errorMessage(error) }), 'error');
    }
  };
  const role = () => (props.comment.author.role === 'leader' ? t('comments.leader') : props.comment.author.role === 'admin' ? t('comments.admin') : null);
  return (
    <li class="comment" classList={{ 'comment--deleted': props.comment.deletedAt !== null }}>
      <div class="comment__head">
        <span class="comment__author">{props.comment.author.name}</span>
        <Show when={role()}>{(label) => <span class="badge badge--leader">{label()}</span>}</Show>
        <Show when={props.comment.author.department}>{(d) => <span class="comment__dept">{d().name}</span>}</Show>
        <time class="comment__when" datetime={props.comment.createdAt}>
          {relative(props.comment.createdAt)}
        </time>
        <Show when={props.comment.editedAt && !props.comment.deletedAt}>
          <span class="comment__edited">({t('comments.edited')})</span>
        </Show>
      </div>
      <Show
        when={!editing()}
        fallback={
          <Composer
            label={t('comments.bodyLabel')}
            submitLabel={t('comments.save')}
            initial={props.comment.body}
            people={props.people}
            autofocus
            onCancel={() => setEditing(false)}
            onSubmit={async (body, mentions) => {
              try {
                props.onChanged((await commentsApi.editComment(props.comment.id, { body, mentions })).thread);
                setEditing(false);
              } catch (error) {
                toast(t('comments.error', { message: errorMessage(error) }), 'error');
              }
            }}
          />
        }
      >
        <Show when={!props.comment.deletedAt} fallback={<p class="comment__body comment__body--deleted">{t('comments.deleted')}</p>}>
          <p class="comment__body">{props.comment.body}</p>
        </Show>
      </Show>
      <Show when={mine() && !editing()}>
        <div class="comment__actions">
          <button type="button" class="button button--small button--quiet" onClick={() => setEditing(true)}>
            {t('comments.edit')}
          </button>
          <button type="button" class="button button--small button--quiet" onClick={() => void remove()}>
            {t('comments.delete')}
          </button>
        </div>
      </Show>
    </li>
  );
}

export function ThreadCard(props: {
  thread: ThreadDto;
  /** The anchor's status as this copy of the draft shows it now (see comments-controller). */
  status: AnchorStatus;
  me: Actor;
  ctx: RemarkContext;
  active: boolean;
  people: () => Person[];
  onActivate: () => void;
  onChanged: (thread: ThreadDto) => void;
  onReply: (body: string, mentions: string[]) => Promise<void>;
}) {
  const [replying, setReplying] = createSignal(false);
  const first = () => props.thread.comments[0];
  const setState = async (state: 'open' | 'resolved') => {
    try {
      props.onChanged((await commentsApi.setState(props.thread.id, state)).thread);
    } catch (error) {
      toast(t('comments.error', { message: errorMessage(error) }), 'error');
    }
  };
  const mayResolve = () => mayResolveThread(props.me, props.ctx, { createdBy: props.thread.createdBy.id });
  return (
    <li
      class="thread"
      classList={{
        'thread--annotation': props.thread.kind === 'annotation',
        'thread--active': props.active,
        'thread--resolved': props.thread.state === 'resolved',
      }}
      data-thread-id={props.thread.id}
      data-kind={props.thread.kind}
      data-state={props.thread.state}
      data-anchor={props.status}
    >
      <button type="button" class="thread__anchor" aria-label={t('comments.jump')} aria-pressed={props.active} onClick={() => props.onActivate()}>
        <Show when={props.thread.kind === 'annotation'}>
          <span class="badge badge--annotation">{t('comments.annotation')}</span>
        </Show>
        <Show when={props.status === 'document'}>
          <span class="thread__quote thread__quote--document">{t('comments.document')}</span>
        </Show>
        <Show when={props.status === 'attached'}>
          <q class="thread__quote">{props.thread.anchor.exact}</q>
        </Show>
        <Show when={props.status === 'orphaned'}>
          <span class="thread__orphaned" title={t('comments.orphanedHint')}>
            {t('comments.orphaned')}
          </span>
          <del class="thread__quote thread__quote--orphaned">{props.thread.anchor.exact}</del>
        </Show>
      </button>
      <ul class="thread__comments" aria-label={t('comments.threadLabel', { name: first()?.author.name ?? '' })}>
        <For each={props.thread.comments}>{(comment) => <CommentItem comment={comment} me={props.me} ctx={props.ctx} people={props.people} onChanged={props.onChanged} />}</For>
      </ul>
      <Show when={props.thread.state === 'resolved' && props.thread.resolvedBy}>
        {(by) => <p class="thread__resolved">{t('comments.resolvedBy', { name: by().name, when: relative(props.thread.resolvedAt!) })}</p>}
      </Show>
      <Show when={replying()}>
        <Composer
          label={t('comments.replyLabel')}
          submitLabel={t('comments.send')}
          people={props.people}
          autofocus
          onCancel={() => setReplying(false)}
          onSubmit={async (body, mentions) => {
            await props.onReply(body, mentions);
            setReplying(false);
          }}
        />
      </Show>
      <div class="thread__actions">
        <Show when={mayRemark(props.ctx) && !replying()}>
          <button type="button" class="button button--small" onClick={() => setReplying(true)}>
            {t('comments.reply')}
          </button>
        </Show>
        <Show when={mayResolve()}>
          <Show
            when={props.thread.state === 'open'}
            fallback={
              <button type="button" class="button button--small button--quiet" onClick={() => void setState('open')}>
                {t('comments.reopen')}
              </button>
            }
          >
            <button type="button" class="button button--small" onClick={() => void setState('resolved')}>
              {t('comments.resolve')}
            </button>
          </Show>
        </Show>
      </div>
    </li>
  );
}

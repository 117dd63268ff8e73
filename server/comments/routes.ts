/**
 * Comments REST routes (issue 8), mounted under /api. Each loads and authorises through the
 * policy (shared/permissions/comments.ts), calls a command, and answers with the thread as
 * list-threads.ts presents it. Unknown or invisible → 404; visible but not allowed → 403;
 * anchors the draft cannot satisfy → 422.
 *   GET    /documents/:id/threads?state=open|resolved|all&kind=comment|annotation → {threads}
 *   POST   /documents/:id/threads {kind, body, anchor, mentions?}               → 201 {thread, notNotified}
 *   GET    /documents/:id/mentionable                                           → {people} who may see the draft
 *   GET    /threads/:id                                                         → {thread}
 *   POST   /threads/:id/comments {body, mentions?}                              → 201 {thread, commentId, notNotified}
 *   PATCH  /threads/:id {state}                                                 → {thread}
 *   PATCH  /comments/:id {body, mentions?}                                      → {thread, notNotified}
 *   DELETE /comments/:id                                                        → {thread}
 */
import { Hono } from 'hono';
import type { AppDeps } from '../app';
import { signedIn } from '../accounts/guards';
import { auditContext } from '../audit/record-event';
import { notFound } from '../errors';
import type { AppEnv } from '../http/env';
import { idParam } from '../http/params';
import { jsonBody, queryParams } from '../http/validate';
import { addComment } from './add-comment';
import { deleteComment, editComment } from './change-comment';
import { createThread } from './create-thread';
import { listThreads, loadThread } from './list-threads';
import { viewableDocument, viewableThread } from './load';
import { mentionablePeople } from './people';
import { setThreadState } from './set-thread-state';
import { addCommentBody, createThreadBody, editCommentBody, listThreadsQuery, setThreadStateBody } from '../../shared/comments/api';

export const commentRoutes = (deps: AppDeps) => {
  const { db, collab } = deps;
  // Per route, not .use(): mounted under /api, a .use() would also guard other modules' paths.
  const auth = signedIn(deps);
  const thread = async (id: string) => {
    const found = await loadThread(db, collab, id);
    if (!found) throw notFound('Thread');
    return found;
  };
  return new Hono<AppEnv>()
    .get('/documents/:id/threads', auth, idParam('Document'), queryParams(listThreadsQuery), async (c) => {
      const doc = await viewableDocument(db, c.var.user, c.req.valid('param').id);
      const { state, kind } = c.req.valid('query');
      return c.json({ threads: await listThreads(db, collab, doc.id, { state: state === 'all' ? undefined : state, kind }) });
    })
    .post('/documents/:id/threads', auth, idParam('Document'), jsonBody(createThreadBody), async (c) => {
      const created = await createThread(deps, c.var.user, auditContext(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json({ thread: await thread(created.threadId), notNotified: created.notNotified }, 201);
    })
    .get('/documents/:id/mentionable', auth, idParam('Document'), async (c) => {
      const doc = await viewableDocument(db, c.var.user, c.req.valid('param').id);
      return c.json({ people: await mentionablePeople(db, doc) });
    })
    .get('/threads/:id', auth, idParam('Thread'), async (c) => {
      const { thread: row } = await viewableThread(db, c.var.user, c.req.valid('param').id);
      return c.json({ thread: await thread(row.id) });
    })
    .post('/threads/:id/comments', auth, idParam('Thread'), jsonBody(addCommentBody), async (c) => {
      const added = await addComment(deps, c.var.user, auditContext(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json({ thread: await thread(added.threadId), commentId: added.commentId, notNotified: added.notNotified }, 201);
    })
    .patch('/threads/:id', auth, idParam('Thread'), jsonBody(setThreadStateBody), async (c) => {
      const changed = await setThreadState(deps, c.var.user, auditContext(c), c.req.valid('param').id, c.req.valid('json').state);
      return c.json({ thread: await thread(changed.threadId) });
    })
    .patch('/comments/:id', auth, idParam('Comment'), jsonBody(editCommentBody), async (c) => {
      const edited = await editComment(deps, c.var.user, auditContext(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json({ thread: await thread(edited.threadId), notNotified: edited.notNotified });
    })
    .delete('/comments/:id', auth, idParam('Comment'), async (c) => {
      const deleted = await deleteComment(deps, c.var.user, auditContext(c), c.req.valid('param').id);
      return c.json({ thread: await thread(deleted.threadId) });
    });
};

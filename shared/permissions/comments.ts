/**
 * Who may do what with threads and comments (issue 8). Pure functions; the server loads the facts.
 *  - comment: anyone with `comment` or `edit` access to the draft;
 *  - annotation: a leader of a department, or an administrator, who has at least `comment` access;
 *  - a comment is edited or deleted by its author only (still holding comment access);
 *  - a thread is resolved or reopened by its author, the draft's editors and leaders with comment access;
 *  - a finalised draft is read-only for threads as well: its record keeps them as frozen.
 * Mentions never grant access: only people who may view the draft are notified.
 *
 * Each rule is written once over `RemarkContext` (the caller's access level and whether the draft
 * is finalised): the server derives it from grants (`remarkContext`), the web client gets the
 * level from the document it loaded, so both decide with the same function.
 */
import { isLeader } from './accounts';
import { accessLevel, atLeast, canView, type AccessLevel, type Actor, type DocumentFacts } from './documents';

export const threadKinds = ['comment', 'annotation'] as const;
export type ThreadKind = (typeof threadKinds)[number];

type Person = Pick<Actor, 'id' | 'isAdmin' | 'leaderDepartmentIds'>;

export interface RemarkContext {
  access: AccessLevel;
  finalized: boolean;
}

export const remarkContext = (actor: Actor, doc: DocumentFacts): RemarkContext => ({ access: accessLevel(actor, doc), finalized: doc.finalized });

/** Comment access on a draft that is still open for remarks. */
export const mayRemark = (ctx: RemarkContext) => !ctx.finalized && atLeast(ctx.access, 'comment');

/** May write annotations at all (the role, regardless of any draft). */
export const mayAnnotate = (actor: Pick<Actor, 'isAdmin' | 'leaderDepartmentIds'>) => actor.isAdmin || isLeader(actor);

export const mayCreateThread = (actor: Person, ctx: RemarkContext, kind: ThreadKind) => mayRemark(ctx) && (kind === 'comment' || mayAnnotate(actor));

/** Edit or delete: only the author, and only while they may still comment on the draft. */
export const mayChangeComment = (actor: Person, ctx: RemarkContext, comment: { authorId: string; deleted: boolean }) =>
  !comment.deleted && comment.authorId === actor.id && mayRemark(ctx);

export const mayResolveThread = (actor: Person, ctx: RemarkContext, thread: { createdBy: string }) =>
  mayRemark(ctx) && (thread.createdBy === actor.id || atLeast(ctx.access, 'edit') || isLeader(actor));

/* The same rules over a document's facts, as the server asks them. */
export const canCreateThread = (actor: Actor, doc: DocumentFacts, kind: ThreadKind) => mayCreateThread(actor, remarkContext(actor, doc), kind);
export const canReply = (actor: Actor, doc: DocumentFacts) => mayRemark(remarkContext(actor, doc));
export const canChangeComment = (actor: Actor, doc: DocumentFacts, comment: { authorId: string; deleted: boolean }) =>
  mayChangeComment(actor, remarkContext(actor, doc), comment);
export const canResolveThread = (actor: Actor, doc: DocumentFacts, thread: { createdBy: string }) => mayResolveThread(actor, remarkContext(actor, doc), thread);

/** Who hears about a thread (mention, reply, annotation, resolution): only people who may view the draft. */
export const mayBeNotified = (person: Actor, doc: DocumentFacts) => canView(person, doc);

/** How an author stands when writing: shown beside their name and kept with the record. */
export const authorRole = (actor: Pick<Actor, 'isAdmin' | 'leaderDepartmentIds'>, kind: ThreadKind): 'member' | 'leader' | 'admin' =>
  isLeader(actor) ? 'leader' : kind === 'annotation' && actor.isAdmin ? 'admin' : 'member';

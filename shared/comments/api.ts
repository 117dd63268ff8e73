/**
 * The comments REST contract (issue 8): request schemas (zod, shared by server validation and the
 * client) and the JSON shapes the server answers with. See docs/api.md § Comments.
 */
import { z } from 'zod';
import { threadKinds } from '../permissions/comments';

/** Longest comment body, in characters. */
export const maxBodyLength = 10_000;
const maxMentions = 50;

const id = z.guid({ error: 'must be an id (uuid)' });

export const commentBody = z
  .string({ error: 'must be text' })
  .refine((s) => s.trim().length > 0, 'must not be empty')
  .refine((s) => s.length <= maxBodyLength, `must be at most ${maxBodyLength.toLocaleString('en')} characters`);

const mentions = z.array(id).max(maxMentions, `at most ${maxMentions} people`).optional();

/** W3C TextQuoteSelector: the server finds `exact` (with its context) in the current draft. */
const quoteAnchor = z.strictObject({
  exact: z.string().min(1, 'must not be empty').max(maxBodyLength),
  prefix: z.string().max(1000).optional(),
  suffix: z.string().max(1000).optional(),
});
/** Two base64 Yjs relative positions, as the editor sends them. */
const positionAnchor = z.strictObject({
  start: z.string().min(1).max(2000).regex(/^[A-Za-z0-9+/=]+$/, 'must be base64'),
  end: z.string().min(1).max(2000).regex(/^[A-Za-z0-9+/=]+$/, 'must be base64'),
});
const documentAnchor = z.strictObject({ document: z.literal(true) });

export const threadAnchorInput = z.union([positionAnchor, quoteAnchor, documentAnchor], {
  error: 'must be {exact, prefix?, suffix?}, {start, end} or {document: true}',
});
export type ThreadAnchorInput = z.infer<typeof threadAnchorInput>;

export const createThreadBody = z.strictObject({
  kind: z.enum(threadKinds).default('comment'),
  body: commentBody,
  anchor: threadAnchorInput,
  mentions,
});

export const addCommentBody = z.strictObject({ body: commentBody, mentions });
export const editCommentBody = z.strictObject({ body: commentBody, mentions });
export const setThreadStateBody = z.strictObject({ state: z.enum(['open', 'resolved']) });

export const listThreadsQuery = z.object({
  state: z.enum(['open', 'resolved', 'all']).default('all'),
  kind: z.enum(threadKinds).optional(),
});

export type AnchorStatus = 'attached' | 'orphaned' | 'document';

export interface PersonRefDto {
  id: string;
  name: string;
}

export interface CommentDto {
  id: string;
  author: { id: string; name: string; department: { id: string; name: string } | null; role: 'member' | 'leader' | 'admin' };
  /** Empty once deleted. */
  body: string;
  mentions: PersonRefDto[];
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}

export interface ThreadDto {
  id: string;
  documentId: string;
  kind: (typeof threadKinds)[number];
  state: 'open' | 'resolved';
  anchor: {
    /** The passage's current text; for an orphan, the text it had. */
    exact: string;
    status: AnchorStatus;
    /** Current base64 Yjs relative positions (attached only), for the editor's highlights. */
    start?: string;
    end?: string;
  };
  comments: CommentDto[];
  createdBy: PersonRefDto;
  createdAt: string;
  resolvedBy: PersonRefDto | null;
  resolvedAt: string | null;
}

export interface ThreadListDto {
  threads: ThreadDto[];
}

/** Answer to a write that carried mentions: who was left out because they may not see the draft. */
export interface MentionOutcomeDto {
  notNotified: string[];
}

export interface MentionableDto {
  people: { id: string; name: string; departments: string[] }[];
}

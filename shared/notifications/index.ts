/** Notification shapes and request schemas, shared by the server and the client. */
import { z } from 'zod';
import { id } from '../api';

export interface NotificationDto {
  id: string;
  /** An open set of kinds: the client shows unknown kinds generically. */
  kind: string;
  documentId: string | null;
  subjectId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export const listNotificationsQuery = z.strictObject({ unread: z.enum(['true', 'false']).optional() });

export const markReadBody = z.union([
  z.strictObject({ ids: z.array(id).min(1).max(500) }),
  z.strictObject({ all: z.literal(true) }),
]);
export type MarkReadBody = z.infer<typeof markReadBody>;

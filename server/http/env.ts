/** Types of what middleware puts on the Hono context. */
import type { Logger } from '../logger';
import type { Actor } from '../../shared/permissions';
import type { MembershipDto } from '../../shared/api';

export interface SessionUser extends Actor {
  email: string;
  name: string;
  departments: MembershipDto[];
}

export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    /** Set by `requireUser` (and by `loadSession` when a valid cookie came). */
    user: SessionUser;
    sessionId: string;
  };
}

/** Who may read and change the agency settings (issue 13). Pure functions. */
import type { Actor } from './documents';

/** Everyone signed in reads them (they fill every document header). */
export const canViewAgencySettings = (_actor: Pick<Actor, 'id'>) => true;
/** Only administrators change them. */
export const canChangeAgencySettings = (actor: Pick<Actor, 'isAdmin'>) => actor.isAdmin;

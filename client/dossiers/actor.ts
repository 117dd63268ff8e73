/** A dossier as the dossier policy (shared/permissions/dossiers.ts) sees it in the client. */
import type { DossierFacts } from '../../shared/permissions/dossiers';
import type { DossierDto } from './dossiers-api';

/**
 * The facts the policy decides on. Grants are not sent to the client; the actions shown depend only
 * on state, department and role (the server decides again on every request).
 */
export const dossierFacts = (d: DossierDto): DossierFacts => ({ departmentId: d.departmentId, creatorId: d.creatorId, state: d.state, grants: [] });

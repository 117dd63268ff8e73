/**
 * The verifier the web client uses: bundles and the JWKS from our server, checks by the shared
 * `verifyBundle` running here, in the browser. One per page load, so reports are shared across
 * drafts (a seq names one ledger entry, whatever the document).
 */
import { api } from '../data/api';
import { verifyBundle } from '../../shared/records/verify-bundle';
import { createVerifier } from './verifier';

export const verifier = createVerifier({
  fetchBundle: (seq) => api.recordBundle(seq),
  fetchJwks: () => api.jwks(),
  verify: verifyBundle,
});

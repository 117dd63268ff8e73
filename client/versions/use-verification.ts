/** One version's verification as UI state: checking until the verifier answers, then its report (or "could not check"). */
import { createResource } from 'solid-js';
import type { Verification } from './VerificationBadge';
import { verifier } from './browser-verifier';

/** `seq` false means "not yet" (e.g. the row is not visible yet): nothing is fetched. */
export function useVerification(seq: () => number | false): [verification: () => Verification, retry: () => void] {
  const [report, { refetch }] = createResource(seq, (s) => verifier.report(s));
  const verification = (): Verification => {
    if (report.state === 'errored') return { state: 'error' };
    if (report.state === 'ready') return { state: 'done', report: report()! };
    return { state: 'checking' };
  };
  return [verification, () => void refetch()];
}

/**
 * Sign-off and issuance (issue 10): who may submit, sign, return, withdraw, issue, approve keys and
 * watch processing. Pure decisions; the server loads the facts.
 */
import { isClerk, isLeader, type RoleFacts } from './accounts';
import { accessLevel, atLeast, canView, type Actor, type DocumentFacts } from './documents';

export interface SubmissionFacts {
  state: 'pending' | 'signed' | 'returned' | 'withdrawn' | 'issued';
  submittedBy: string;
  signerIds: readonly string[];
}

export interface StepFacts {
  signerId: string;
  state: 'waiting' | 'current' | 'signed' | 'returned' | 'cancelled';
}

/** Submit a frozen version for signature: whoever holds edit access to the draft (finalised or not). */
export const canSubmitForSignature = (actor: Actor, doc: DocumentFacts) => atLeast(accessLevel(actor, doc), 'edit');

/**
 * May be named on a step: must be able to read the draft; the final `sign` step needs a leader
 * (the competent person), an `initial` anyone who may view (head of unit, format checker).
 */
export const canBeSigner = (person: Actor, doc: DocumentFacts, step: 'initial' | 'sign') => canView(person, doc) && (step === 'initial' || isLeader(person));

/** See a submission and its steps: viewers of the draft, its signers, and clerks once it awaits issuance. */
export const canViewSubmission = (actor: Actor, doc: DocumentFacts, s: SubmissionFacts) =>
  canView(actor, doc) || s.signerIds.includes(actor.id) || (isClerk(actor) && (s.state === 'signed' || s.state === 'issued'));

/** Sign or return a step: only its own signer, only when it is their turn on a pending submission. */
export const canActOnStep = (actor: Pick<Actor, 'id'>, s: SubmissionFacts, step: StepFacts) =>
  s.state === 'pending' && step.signerId === actor.id && step.state === 'current';

/** Withdraw: the submitter, until it is fully signed. */
export const canWithdraw = (actor: Pick<Actor, 'id' | 'isAdmin'>, s: SubmissionFacts) => s.state === 'pending' && s.submittedBy === actor.id;

/** Issue (number, register, seal): clerks only. */
export const canIssue = (actor: Pick<RoleFacts, 'isClerk'>) => isClerk(actor);

/** Approve (certify) a device key; revoke any key. */
export const canApproveKeys = (actor: Pick<RoleFacts, 'isAdmin'>) => actor.isAdmin;
/** Revoke: the key's owner (a lost device) or an administrator. */
export const canRevokeKey = (actor: Pick<Actor, 'id' | 'isAdmin'>, key: { userId: string }) => actor.isAdmin || key.userId === actor.id;

/** The processing dashboard: leaders, clerks and administrators. */
export const canViewProcessing = (actor: RoleFacts) => actor.isAdmin || actor.isClerk || isLeader(actor);

/** Registers and document types are agency settings. */
export const canManageRegisters = (actor: Pick<RoleFacts, 'isAdmin'>) => actor.isAdmin;

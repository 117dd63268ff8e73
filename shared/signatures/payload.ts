/**
 * What a signer signs (issue 10): a compact JWS (EdDSA, Ed25519) whose payload is exactly the
 * RFC 8785 canonical JSON of the step payload below. Built the same way by the server (to hand the
 * client the exact object and to check what comes back) and by the browser (to sign it). No I/O.
 */
import { z } from 'zod';

export const stepKinds = ['initial', 'sign'] as const;
export type StepKind = (typeof stepKinds)[number];

export const stepPayloadSchema = z.strictObject({
  /** SHA-256 (hex) of the version entry's canonical JSON: the frozen version being signed. */
  versionEntrySha256: z.string().regex(/^[0-9a-f]{64}$/),
  submissionId: z.string().min(1),
  /** The step: its 0-based position and whether it is an initial ("ký nháy") or the signature. */
  step: z.strictObject({ index: z.number().int().min(0), kind: z.enum(stepKinds) }),
  signerId: z.string().min(1),
  /** RFC 3339 UTC with milliseconds. */
  signedAt: z.string().datetime({ offset: false, precision: 3 }),
  documentType: z.string().min(1).max(10),
});
export type StepPayload = z.infer<typeof stepPayloadSchema>;

export interface StepFacts {
  versionEntrySha256: string;
  submissionId: string;
  stepIndex: number;
  kind: StepKind;
  signerId: string;
  documentType: string;
}

/** The payload for a step signed at `signedAt`. */
export const stepPayload = (f: StepFacts, signedAt: Date): StepPayload => ({
  versionEntrySha256: f.versionEntrySha256,
  submissionId: f.submissionId,
  step: { index: f.stepIndex, kind: f.kind },
  signerId: f.signerId,
  signedAt: signedAt.toISOString(),
  documentType: f.documentType,
});

/** Fields of `payload` that differ from what the step requires (signedAt is checked apart). */
export function payloadMismatches(payload: StepPayload, f: StepFacts): string[] {
  const wrong: string[] = [];
  if (payload.versionEntrySha256 !== f.versionEntrySha256) wrong.push('versionEntrySha256');
  if (payload.submissionId !== f.submissionId) wrong.push('submissionId');
  if (payload.step.index !== f.stepIndex || payload.step.kind !== f.kind) wrong.push('step');
  if (payload.signerId !== f.signerId) wrong.push('signerId');
  if (payload.documentType !== f.documentType) wrong.push('documentType');
  return wrong;
}

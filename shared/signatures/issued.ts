/**
 * The issued-document record (ledger event kind "document.issued"): everything needed to check
 * offline that a frozen version was initialled and signed by certified persons, in order, then
 * numbered and sealed by the agency. Body fields:
 *
 *   versionEntry, versionEntrySha256   the frozen version's entry and the hash every signature names
 *   register, year, number, symbol, notation ("07/QĐ-UBND"), issueDate (agency time zone), issuedAt
 *   signatures   every step in order: payload, the person's JWS, their key certificate
 *   seal         {jws}: the agency key's compact JWS over the canonical JSON of the body without `seal`
 *                (so it covers the persons' signatures: the agency signs after them)
 */
import { z } from 'zod';
import { certificateSchema } from './certificate';
import { stepKinds, stepPayloadSchema } from './payload';

export const issuedKind = 'document.issued';
export const issuedFormat = 'codraft.issued-document';

export const issuedSignatureSchema = z.strictObject({
  index: z.number().int().min(0),
  kind: z.enum(stepKinds),
  signer: z.strictObject({ id: z.string(), name: z.string() }),
  payload: stepPayloadSchema,
  jws: z.string().min(1),
  certificate: certificateSchema,
});
export type IssuedSignature = z.infer<typeof issuedSignatureSchema>;

export const issuedBodySchema = z.strictObject({
  format: z.literal(issuedFormat),
  documentId: z.string(),
  submissionId: z.string(),
  documentType: z.string(),
  versionSeq: z.number().int().min(0),
  versionEntry: z.record(z.string(), z.unknown()),
  versionEntrySha256: z.string(),
  register: z.strictObject({ id: z.string(), name: z.string(), series: z.string(), resetsYearly: z.boolean() }),
  year: z.number().int(),
  number: z.number().int().min(1),
  symbol: z.string(),
  notation: z.string(),
  issueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  issuedAt: z.string().datetime({ offset: false }),
  issuedBy: z.strictObject({ id: z.string(), name: z.string() }),
  signatures: z.array(issuedSignatureSchema).min(1),
  seal: z.strictObject({ jws: z.string().min(1) }),
});
export type IssuedBody = z.infer<typeof issuedBodySchema>;

/** What the seal signs: the body without its seal. */
export const sealPayload = (body: Omit<IssuedBody, 'seal'> & { seal?: unknown }) => {
  const { seal: _seal, ...rest } = body;
  return rest;
};

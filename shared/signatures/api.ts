/** Request bodies of the signatures API (validated on the server, reused by the client). */
import { z } from 'zod';
import { id as uuid } from '../api';
import { stepKinds } from './payload';

export const registerKeyBody = z.strictObject({
  publicJwk: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string().min(40).max(50) }).passthrough(),
  deviceName: z.string().trim().min(1).max(120),
});

export const submitBody = z.strictObject({
  documentType: z.string().min(1).max(10),
  signers: z
    .array(z.strictObject({ user: uuid, step: z.enum(stepKinds) }))
    .min(1)
    .max(20)
    .refine((s) => s[s.length - 1]?.step === 'sign', 'the last step must be a sign step')
    .refine((s) => s.every((x, i) => i === 0 || !(s[i - 1]!.step === 'sign' && x.step === 'initial')), 'initial steps must come before sign steps'),
  note: z.string().trim().max(2000).optional(),
  /** The returned or withdrawn submission this one replaces. */
  previous: uuid.optional(),
});
export type SubmitBody = z.infer<typeof submitBody>;

export const signBody = z.strictObject({ keyId: uuid, jws: z.string().min(10).max(4000) });
export const returnBody = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
export const issueBody = z.strictObject({ register: uuid.optional() });

export const registerBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  series: z.string().trim().regex(/^[a-z0-9-]{1,40}$/, 'lowercase letters, digits and dashes'),
  resetsYearly: z.boolean().default(true),
});

export const documentTypeBody = z.strictObject({
  code: z.string().trim().regex(/^[\p{L}]{1,10}$/u, 'letters only, e.g. QĐ'),
  name: z.string().trim().min(1).max(200),
  isLetter: z.boolean().default(false),
});

export const dashboardQuery = z.strictObject({
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
});

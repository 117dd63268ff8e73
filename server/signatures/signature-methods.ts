/**
 * How a personal signature is checked before a step is accepted: a small, pluggable interface.
 * Today's method is `deviceKey` (an Ed25519 key generated on the signer's device, certified by the
 * agency key). A hardware token or a remote signing service (what national CAs provide) is another
 * `SignatureMethod`: it receives the same payload and the signer's JWS and says whether the
 * signature is theirs; see docs/signatures.md.
 */
import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { bytesEqual, canonicalBytes } from '../../shared/records';
import { certificateCovers, stepPayloadSchema, type CertificateBody, type StepPayload } from '../../shared/signatures';

export interface SignatureInput {
  jws: string;
  /** The key the signer names (a registered device key, or the method's own key reference). */
  key: { kid: string; publicJwk: JWK; state: string; certificate: { body: CertificateBody; jws: string } | null };
}

export type SignatureCheck = { ok: true; payload: StepPayload } | { ok: false; reason: string };

export interface SignatureMethod {
  name: string;
  verify(input: SignatureInput): Promise<SignatureCheck>;
}


/** Device keys: compact JWS, EdDSA, kid = the certified key's thumbprint, payload = canonical JSON. */
export const deviceKeyMethod: SignatureMethod = {
  name: 'deviceKey',
  async verify({ jws, key }) {
    if (key.state !== 'active' || !key.certificate) return { ok: false, reason: key.state === 'revoked' ? 'this key was revoked' : 'this key is not certified yet' };
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(jws);
    } catch {
      return { ok: false, reason: 'not a compact JWS' };
    }
    if (header.alg !== 'EdDSA') return { ok: false, reason: 'the signature algorithm must be EdDSA' };
    if (header.kid !== undefined && header.kid !== key.kid) return { ok: false, reason: 'the JWS names another key' };
    let payloadBytes: Uint8Array;
    try {
      const publicKey = await importJWK({ ...key.publicJwk, alg: 'EdDSA' }, 'EdDSA');
      payloadBytes = (await compactVerify(jws, publicKey, { algorithms: ['EdDSA'] })).payload;
    } catch {
      return { ok: false, reason: 'the signature does not verify with this key' };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(payloadBytes));
    } catch {
      return { ok: false, reason: 'the signed payload is not JSON' };
    }
    const payload = stepPayloadSchema.safeParse(parsed);
    if (!payload.success) return { ok: false, reason: `the signed payload is not a step payload: ${payload.error.issues.map((i) => i.path.join('.')).join(', ')}` };
    if (!bytesEqual(payloadBytes, canonicalBytes(payload.data))) return { ok: false, reason: 'the signed payload is not RFC 8785 canonical JSON' };
    if (!certificateCovers(key.certificate.body, payload.data.signedAt)) return { ok: false, reason: 'signed outside the certificate’s validity' };
    return { ok: true, payload: payload.data };
  },
};


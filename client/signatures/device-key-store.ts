/**
 * This device's signing key: an Ed25519 CryptoKey generated here with WebCrypto, private half
 * non-extractable, kept in IndexedDB (structured clone keeps the key object, never its bytes) with the
 * id the server gave it. One key per account on this device.
 */
import { deviceKeySigner, generateDeviceKey, type StepSigner } from '../../shared/signatures';

interface StoredKey {
  userId: string;
  keyId: string;
  kid: string;
  privateKey: CryptoKey;
}

const open = () =>
  new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('codraft-signing-keys', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('keys', { keyPath: 'userId' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

async function tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = run(db.transaction('keys', mode).objectStore('keys'));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

export const loadDeviceKey = (userId: string) => tx<StoredKey | undefined>('readonly', (s) => s.get(userId) as IDBRequest<StoredKey | undefined>);

/** Generate a key on this device; `register` sends its public half and answers the key id. */
export async function createDeviceKey(userId: string, register: (publicJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string }) => Promise<string>): Promise<StoredKey> {
  const key = await generateDeviceKey();
  const keyId = await register(key.publicJwk);
  const stored: StoredKey = { userId, keyId, kid: key.kid, privateKey: key.privateKey };
  await tx('readwrite', (s) => s.put(stored));
  return stored;
}

export const signerOf = (k: StoredKey): StepSigner => deviceKeySigner(k.keyId, k.privateKey, k.kid);

/**
 * Ed25519 signatures on prescriptions (docs/adr/0016-prescription-signatures.md): the
 * `PrescriptionSigner` the issuing use case signs with, and `verifyQr`, what a pharmacy runs
 * offline on a scanned QR text against the public keys it trusts. The payload and the text are
 * pure (src/ops/rx-payload.ts); this module holds the keys and calls node:crypto.
 */
import { createHash, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { todayInKazakhstan } from '../clock.ts';
import type { IsoDate } from '../../domain/date.ts';
import type { RegionCode } from '../../domain/region.ts';
import { decodeBase64url, encodeBase64url } from '../../ops/base64url.ts';
import type { PrescriptionSigner } from '../../ops/clinical.ts';
import {
  decodeRxQr,
  rxPayloadOf,
  rxSigningInput,
  rxVerifyingInput,
  type RxPayload,
} from '../../ops/rx-payload.ts';

/** The raw 32 bytes of an Ed25519 public key. */
export function rawPublicKey(publicKey: KeyObject): Uint8Array {
  assertEd25519(publicKey, 'public');
  const { x } = publicKey.export({ format: 'jwk' });
  const raw = typeof x === 'string' ? decodeBase64url(x) : null;
  if (raw?.length !== 32) throw new Error('an Ed25519 public key has 32 bytes');
  return raw;
}

/** First 16 hex digits of SHA-256 of the raw public key. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(rawPublicKey(publicKey)).digest('hex').slice(0, 16);
}

export function assertEd25519(key: KeyObject, type: 'private' | 'public'): void {
  if (key.type !== type || key.asymmetricKeyType !== 'ed25519') {
    throw new Error(
      `expected an Ed25519 ${type} key, not a ${key.asymmetricKeyType ?? 'symmetric'} ${key.type} key`,
    );
  }
}

function verifySignature(signingInput: string, signature: Uint8Array, key: KeyObject): boolean {
  return verify(null, Buffer.from(signingInput, 'ascii'), key, signature);
}

/**
 * A signer with `privateKey`. Its `verify` also accepts signatures of `previousKeys` (the keys
 * it replaced), so prescriptions signed before a rotation still verify on the server.
 */
export function ed25519Signer(
  privateKey: KeyObject,
  options: { previousKeys?: readonly KeyObject[] } = {},
): PrescriptionSigner {
  assertEd25519(privateKey, 'private');
  const publicKey = createPublicKey(privateKey);
  const keyId = keyIdOf(publicKey);
  const known = new Map<string, KeyObject>([[keyId, publicKey]]);
  for (const key of options.previousKeys ?? []) known.set(keyIdOf(key), key);
  return {
    keyId,
    sign(prescription, patient) {
      const input = rxSigningInput(rxPayloadOf(prescription, patient));
      const signature = sign(null, Buffer.from(input, 'ascii'), privateKey);
      return { algorithm: 'Ed25519', keyId, value: encodeBase64url(signature) };
    },
    verify(prescription, patient) {
      const { signature } = prescription;
      const key = known.get(signature.keyId);
      const bytes = decodeBase64url(signature.value);
      if (signature.algorithm !== 'Ed25519' || !key || bytes?.length !== 64) return false;
      return verifySignature(rxVerifyingInput(prescription, patient), bytes, key);
    },
  };
}

/**
 * A public key a pharmacy trusts, with what it is trusted for: prescriptions of one region
 * (null: any), issued from `from` to `to` (both included; null: open). A key retired after a
 * rotation keeps verifying what it signed before its `to`.
 */
export interface TrustedKey {
  keyId: string;
  publicKey: KeyObject;
  region: RegionCode | null;
  from: IsoDate | null;
  to: IsoDate | null;
}

export const VERIFY_FAILURES = [
  'malformed',
  'unknown_key',
  'bad_signature',
  'not_yet_valid',
  'expired',
] as const;
export type VerifyFailure = (typeof VERIFY_FAILURES)[number];

export type VerifyQrResult =
  | { ok: true; payload: RxPayload; keyId: string; on: IsoDate }
  | { ok: false; reason: VerifyFailure; message: string };

/**
 * Checks a scanned QR text offline: its shape, a trusted key for its id (and for the
 * prescription's region and issue date), the signature, then the validity window on `on`
 * (default: today in Kazakhstan). The signature is checked before the dates, so a forged text
 * is never reported as merely expired. What it cannot know — whether the prescription was
 * cancelled or already dispensed — only the ledger online can say.
 */
export function verifyQr(
  text: string,
  keys: ReadonlyMap<string, KeyObject | TrustedKey>,
  options: { on?: IsoDate | undefined } = {},
): VerifyQrResult {
  const decoded = decodeRxQr(text);
  if (!decoded.ok) return { ok: false, reason: 'malformed', message: decoded.message };
  const { payload, keyId, signature, signingInput } = decoded.value;
  const entry = keys.get(keyId);
  if (entry === undefined) {
    return {
      ok: false,
      reason: 'unknown_key',
      message: `key ${keyId} is not among the trusted keys (a newer key? update the trust file)`,
    };
  }
  const trusted = entry instanceof KeyObject ? null : entry;
  const key = trusted ? trusted.publicKey : (entry as KeyObject);
  const scope = trusted ? outOfScope(trusted, payload) : null;
  if (scope) return { ok: false, reason: 'unknown_key', message: scope };
  if (!verifySignature(signingInput, signature, key)) {
    return {
      ok: false,
      reason: 'bad_signature',
      message: `the signature does not match the prescription's contents and key ${keyId}: altered or forged`,
    };
  }
  const on = options.on ?? todayInKazakhstan();
  if (on < payload.validFrom) {
    return {
      ok: false,
      reason: 'not_yet_valid',
      message: `valid from ${payload.validFrom}, not yet on ${on}`,
    };
  }
  if (on > payload.validTo) {
    return {
      ok: false,
      reason: 'expired',
      message: `valid until ${payload.validTo}, expired on ${on}`,
    };
  }
  return { ok: true, payload, keyId, on };
}

/** Why a trusted key does not vouch for this prescription, or null when it does. */
function outOfScope(key: TrustedKey, payload: RxPayload): string | null {
  if (key.region !== null && key.region !== payload.region) {
    return `key ${key.keyId} is trusted for ${key.region} only, the prescription is of ${payload.region}`;
  }
  if (key.from !== null && payload.issuedOn < key.from) {
    return `key ${key.keyId} is trusted for prescriptions issued from ${key.from}, this one was issued on ${payload.issuedOn}`;
  }
  if (key.to !== null && payload.issuedOn > key.to) {
    return `key ${key.keyId} is trusted for prescriptions issued until ${key.to}, this one was issued on ${payload.issuedOn}`;
  }
  return null;
}

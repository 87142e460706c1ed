/**
 * Prescription signing keys: making one, loading the private key named by
 * TEGIN_RX_SIGNING_KEY_FILE (PKCS#8 PEM), and reading the trust file a pharmacy verifies with:
 *
 *   {"keys": [{"keyId": "…", "publicKey": "<PEM or base64 of the raw 32 bytes>",
 *              "region": "KZ-35", "from": "2026-01-01", "to": "2026-12-31"}]}
 *
 * `region`, `from` and `to` are optional: what the key is trusted for (the prescription's region,
 * its issue date). Rotation is a new entry; the old one stays, with a `to`, so what it signed
 * still verifies. A key id must be the one its key gives: a pasted key cannot borrow an id.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { reasonOf, type Config } from '../config.ts';
import { IsoDate } from '../../domain/date.ts';
import { RegionCode } from '../../domain/region.ts';
import type { PrescriptionSigner } from '../../ops/clinical.ts';
import { KeyId } from '../../ops/rx-payload.ts';
import { assertEd25519, ed25519Signer, keyIdOf, rawPublicKey, type TrustedKey } from './signer.ts';

/** A new Ed25519 key pair: the private key as PKCS#8 PEM, the public key's trust-file entry. */
export function generateSigningKey(): { privateKeyPem: string; entry: TrustEntry } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    entry: trustEntryOf(publicKey),
  };
}

export interface TrustEntry {
  keyId: string;
  /** base64 (RFC 4648 §4) of the raw 32-byte public key. */
  publicKey: string;
}

export function trustEntryOf(publicKey: KeyObject): TrustEntry {
  return {
    keyId: keyIdOf(publicKey),
    publicKey: Buffer.from(rawPublicKey(publicKey)).toString('base64'),
  };
}

/**
 * The private key in a PKCS#8 PEM file (TEGIN_RX_SIGNING_KEY_FILE). Throws with the setting,
 * the path and the reason: a server without its key must not start.
 */
export function loadSigningKey(path: string): KeyObject {
  const problem = (reason: string) => new Error(`TEGIN_RX_SIGNING_KEY_FILE ${path}: ${reason}`);
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw problem(reasonOf(error));
  }
  if (!pem.includes('-----BEGIN PRIVATE KEY-----')) {
    throw problem('expected a PKCS#8 PEM private key ("-----BEGIN PRIVATE KEY-----")');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw problem(`not a readable private key (${reasonOf(error)})`);
  }
  try {
    assertEd25519(key, 'private');
  } catch (error) {
    throw problem(reasonOf(error));
  }
  return key;
}

/**
 * The signer the configuration names (TEGIN_RX_SIGNING_KEY_FILE), or null when it names none:
 * that instance cannot issue prescriptions. Throws when the key cannot be used.
 */
export function rxSignerFromConfig(
  config: Pick<Config, 'TEGIN_RX_SIGNING_KEY_FILE'>,
): PrescriptionSigner | null {
  const path = config.TEGIN_RX_SIGNING_KEY_FILE;
  return path === undefined ? null : ed25519Signer(loadSigningKey(path));
}

const PublicKeyText = z
  .string()
  .max(1000)
  .transform((text, ctx) => {
    const key = publicKeyFrom(text.trim());
    if (typeof key === 'string') {
      ctx.addIssue({ code: 'custom', message: key });
      return z.NEVER;
    }
    return key;
  });

/** A key object from PEM or base64 of the raw 32 bytes, or why not. */
function publicKeyFrom(text: string): KeyObject | string {
  try {
    if (text.startsWith('-----BEGIN PUBLIC KEY-----')) {
      const key = createPublicKey({ key: text, format: 'pem' });
      assertEd25519(key, 'public');
      return key;
    }
    if (!/^[A-Za-z0-9+/]{43}=$/.test(text)) {
      return 'expected a PEM public key or base64 of the raw 32-byte Ed25519 key (44 characters)';
    }
    const x = Buffer.from(text, 'base64').toString('base64url');
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
  } catch (error) {
    return `not an Ed25519 public key (${reasonOf(error)})`;
  }
}

const TrustFile = z.strictObject({
  keys: z
    .array(
      z
        .strictObject({
          keyId: KeyId,
          publicKey: PublicKeyText,
          region: RegionCode.optional(),
          from: IsoDate.optional(),
          to: IsoDate.optional(),
        })
        .refine((k) => !k.from || !k.to || k.from <= k.to, {
          path: ['to'],
          message: 'ends before it starts',
        })
        .refine((k) => keyIdOf(k.publicKey) === k.keyId, {
          path: ['keyId'],
          message: 'is not the id of this public key (SHA-256 of the raw key, 16 hex digits)',
        }),
    )
    .min(1, 'name at least one key')
    .max(1000),
});

export type TrustFileResult =
  { ok: true; keys: Map<string, TrustedKey> } | { ok: false; problems: string[] };

/** The keys of a trust file's text; each problem names its place (`keys[1].publicKey: …`). */
export function parseTrustFile(text: string): TrustFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`not JSON (${reasonOf(error)})`] };
  }
  const parsed = TrustFile.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${pathText(i.path)}: ${i.message}`),
    };
  }
  const keys = new Map<string, TrustedKey>();
  const problems: string[] = [];
  parsed.data.keys.forEach((k, i) => {
    if (keys.has(k.keyId)) problems.push(`keys[${i}].keyId: ${k.keyId} is listed twice`);
    keys.set(k.keyId, {
      keyId: k.keyId,
      publicKey: k.publicKey,
      region: k.region ?? null,
      from: k.from ?? null,
      to: k.to ?? null,
    });
  });
  return problems.length ? { ok: false, problems } : { ok: true, keys };
}

function pathText(path: readonly PropertyKey[]): string {
  return (
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .slice(1) || '(file)'
  );
}

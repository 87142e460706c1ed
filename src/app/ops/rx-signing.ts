/**
 * The server's prescription signer and the trust entries of its public keys, from configuration
 * (docs/adr/0013-operations-http.md). TEGIN_RX_SIGNING_KEY_FILE names the private key; without
 * it a development instance makes one once in its database directory and keeps using it (what
 * it signed must verify after a restart), and an instance that requires its secrets
 * (NODE_ENV=production, TEGIN_REQUIRE_SECRETS=1) refuses to start.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requiresSecrets, type Config } from '../config.ts';
import type { PrescriptionSigner } from '../../ops/clinical.ts';
import { generateSigningKey, loadSigningKey, trustEntryOf, type TrustEntry } from './rx-keys.ts';
import { ed25519Signer } from './signer.ts';

/** The file a development instance keeps its signing key in, inside TEGIN_DB_DIR. */
export const DEV_KEY_FILE = 'rx-signing-key.pem';

export interface RxSigning {
  signer: PrescriptionSigner;
  /** The public keys a pharmacy trusts, as `parseTrustFile` reads them (`{ keys }`). */
  trust: TrustEntry[];
  /** Where the private key is (a path, never the key). */
  keyFile: string;
}

type SigningConfig = Pick<
  Config,
  'TEGIN_RX_SIGNING_KEY_FILE' | 'TEGIN_DB_DIR' | 'TEGIN_REQUIRE_SECRETS' | 'NODE_ENV'
>;

/**
 * The configured signer. Throws an Error naming the setting when a required key is missing or
 * a key cannot be used: a server without its key must not start.
 */
export function rxSigningFor(
  config: SigningConfig,
  log: { warn(message: string): void },
): RxSigning {
  const configured = config.TEGIN_RX_SIGNING_KEY_FILE;
  if (configured !== undefined) return signingWith(loadSigningKey(configured), configured);
  if (requiresSecrets(config)) {
    throw new Error(
      'TEGIN_RX_SIGNING_KEY_FILE is not set: required when secrets are (NODE_ENV=production or TEGIN_REQUIRE_SECRETS=1); make a key with `tegin rx keygen --out <file>` and name the file',
    );
  }
  const file = join(config.TEGIN_DB_DIR, DEV_KEY_FILE);
  const made = makeOnce(file);
  log.warn(
    `TEGIN_RX_SIGNING_KEY_FILE is not set: prescriptions are signed with a development key ${made ? 'made now ' : ''}in ${file} (never for production)`,
  );
  return signingWith(loadSigningKey(file), file);
}

function signingWith(privateKey: KeyObject, keyFile: string): RxSigning {
  return {
    signer: ed25519Signer(privateKey),
    trust: [trustEntryOf(createPublicKey(privateKey))],
    keyFile,
  };
}

/** Writes a new key to `file` (mode 0600) unless one is there; whether it made one. */
function makeOnce(file: string): boolean {
  mkdirSync(join(file, '..'), { recursive: true });
  try {
    // `wx`: two instances starting at once cannot both write; the second reads the first's.
    writeFileSync(file, generateSigningKey().privateKeyPem, { mode: 0o600, flag: 'wx' });
    return true;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') {
      if ((statSync(file).mode & 0o077) !== 0) {
        throw new Error(
          `TEGIN_RX_SIGNING_KEY_FILE: the development key ${file} is readable by others; chmod 600 it`,
          { cause: error },
        );
      }
      return false;
    }
    throw error;
  }
}

/**
 * Password hashing with argon2id (@node-rs/argon2): 19 MiB, 2 passes, 1 thread
 * (OWASP's minimum for argon2id; ≈ 160 ms a hash on this machine kind).
 */
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export const ARGON2ID = {
  // Algorithm.Argon2id: a const enum, not importable under verbatimModuleSyntax.
  algorithm: 2,
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
} as const;

export const argon2Hasher: PasswordHasher = {
  hash: (password) => hash(password, ARGON2ID),
  verify: async (stored, password) => {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  },
};

/** A password for a new account: 18 random bytes, base64url (24 characters, 144 bits). */
export const generatePassword = (): string => randomBytes(18).toString('base64url');

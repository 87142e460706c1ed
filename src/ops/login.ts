/**
 * Login throttling: after `maxFailures` consecutive failures an account is
 * locked for `lockoutMinutes`; a success resets the count. The numbers are a
 * policy (parameters, parsed once where the app is assembled), not law.
 */
import { z } from 'zod';

export const LoginPolicy = z.strictObject({
  maxFailures: z.number().int().min(1).max(100).default(5),
  lockoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  sessionHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
});
export type LoginPolicy = z.infer<typeof LoginPolicy>;

export const DEFAULT_LOGIN_POLICY: LoginPolicy = LoginPolicy.parse({});

export interface LoginState {
  failures: number;
  /** ISO instant until which the account refuses every attempt, or null. */
  lockedUntil: string | null;
}

export function isLocked(state: LoginState, now: Date): boolean {
  return state.lockedUntil !== null && new Date(state.lockedUntil).getTime() > now.getTime();
}

/** The state after a failed attempt: locks on the `maxFailures`-th failure. */
export function afterFailure(state: LoginState, policy: LoginPolicy, now: Date): LoginState {
  const failures = isLocked(state, now) ? state.failures : state.failures + 1;
  if (failures >= policy.maxFailures) {
    return {
      failures: 0,
      lockedUntil: new Date(now.getTime() + policy.lockoutMinutes * 60_000).toISOString(),
    };
  }
  return { failures, lockedUntil: isLocked(state, now) ? state.lockedUntil : null };
}

export const AFTER_SUCCESS: LoginState = { failures: 0, lockedUntil: null };

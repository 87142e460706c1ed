/** What a command may touch: two output streams. Tests pass string collectors. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /**
   * Standard input, for an argument given as `-`, up to `maxBytes` (a longer input comes back
   * cut at `maxBytes + 1`, for the command to refuse as too long); tests pass the text.
   */
  readStdin?: (maxBytes: number) => Promise<string>;
}

/** Documented exit codes (README, docs/errors.md). */
export const EXIT = { ok: 0, internal: 1, badInput: 2, dataProblems: 3, storage: 4 } as const;

/** A usage error: the message names the flag and the reason. Exit code 2. */
export class UsageError extends Error {}

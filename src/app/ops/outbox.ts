/**
 * The outbox: how a message reaches a patient (a one-time sign-in code). A port, so production
 * plugs in its channel (SMS, the e-gov notification service) where the app is assembled; the
 * message names the patient by internal id only — the channel looks up where to deliver.
 *
 * The development adapter writes each message to the log and appends it, as one JSON line, to
 * a file (TEGIN_OUTBOX_FILE, by default beside the database) — never the IIN or a name.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface OutboxMessage {
  /** The patient's internal id. */
  patientId: string;
  kind: 'sign_in_code';
  /** The one-time code itself. */
  code: string;
  /** ISO instant until which the code works. */
  expiresAt: string;
}

export interface Outbox {
  send(message: OutboxMessage): Promise<void>;
}

/** Development: the log and a file under the database directory. Never for production. */
export function developmentOutbox(options: {
  file: string;
  log: (line: string) => void;
  now?: () => Date;
}): Outbox {
  const now = options.now ?? (() => new Date());
  return {
    async send(message) {
      const line = { at: now().toISOString(), ...message };
      await mkdir(dirname(options.file), { recursive: true });
      await appendFile(options.file, `${JSON.stringify(line)}\n`, { mode: 0o600 });
      options.log(
        `outbox (development): sign-in code ${message.code} for patient ${message.patientId}, until ${message.expiresAt}`,
      );
    },
  };
}

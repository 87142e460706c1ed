/**
 * Where "my medicines" is assembled from configuration (docs/adr/0020-patient-access.md): the
 * development outbox (codes to the log and to TEGIN_OUTBOX_FILE) when secrets are not
 * required; with secrets required (production) there is no delivery channel yet, so the
 * patient pages are not served.
 */
import { dirname, join } from 'node:path';
import { requiresSecrets, type Config } from '../config.ts';
import { DEFAULT_LOGIN_POLICY } from '../../ops/login.ts';
import type { OpsStorage } from '../../storage/ops/port.ts';
import type { OpsDeps } from './gate.ts';
import { MyRecordsUseCases } from './my-records.ts';
import { developmentOutbox, type Outbox } from './outbox.ts';
import { argon2Hasher } from './password.ts';
import { PatientAccessUseCases } from './patient-access.ts';

export interface PatientServices {
  access: PatientAccessUseCases;
  records: MyRecordsUseCases;
}

/** The patient's use cases over `storage`, with `outbox` delivering the codes. */
export function patientUseCases(
  storage: OpsStorage,
  deps: Pick<OpsDeps, 'law' | 'today' | 'now'>,
  outbox: Outbox,
  secret: Buffer,
): PatientServices {
  const all: OpsDeps = { storage, hasher: argon2Hasher, policy: DEFAULT_LOGIN_POLICY, ...deps };
  return {
    access: new PatientAccessUseCases(all, { outbox, secret }),
    records: new MyRecordsUseCases(all),
  };
}

/** The development outbox's file: TEGIN_OUTBOX_FILE, else `outbox.log` beside the database. */
export function outboxFileOf(config: Pick<Config, 'TEGIN_OUTBOX_FILE' | 'TEGIN_DB_DIR'>): string {
  return config.TEGIN_OUTBOX_FILE ?? join(dirname(config.TEGIN_DB_DIR), 'outbox.log');
}

export function patientServices(
  config: Config,
  storage: OpsStorage,
  deps: Pick<OpsDeps, 'law' | 'today'>,
  secret: Buffer,
  log: { info: (m: string) => void; warn: (m: string) => void },
): { patients?: PatientServices } {
  if (requiresSecrets(config)) {
    log.info('my medicines (/{lang}/my) is not served: no delivery channel for sign-in codes');
    return {};
  }
  const file = outboxFileOf(config);
  log.warn(`my medicines: sign-in codes go to the development outbox ${file}`);
  return {
    patients: patientUseCases(storage, deps, developmentOutbox({ file, log: log.info }), secret),
  };
}

/** Opens the operations storage from the configuration, and the use cases over it. */
import type { OpsStorage } from '../../storage/ops/port.ts';
import type { Config } from '../config.ts';
import { openDatabase } from '../database.ts';
import { DEFAULT_LOGIN_POLICY } from '../../ops/login.ts';
import { argon2Hasher } from './password.ts';
import { OpsService, type OpsDeps } from './service.ts';

/** The operations storage on the process's one client (closing it closes the client). */
export async function openOpsStorage(
  config: Pick<Config, 'DATABASE_URL' | 'TEGIN_DB_DIR'>,
): Promise<OpsStorage> {
  return (await openDatabase(config, 'tegin operations')).ops;
}

/**
 * The use cases over `storage`; the clinical ones also need the law, a signer and today's date
 * in Kazakhstan (the server passes all three; the administration commands need none).
 */
export function opsService(
  storage: OpsStorage,
  clinical: Pick<OpsDeps, 'law' | 'signer' | 'today'> = {},
): OpsService {
  return new OpsService({
    storage,
    hasher: argon2Hasher,
    policy: DEFAULT_LOGIN_POLICY,
    ...clinical,
  });
}

/** Opens the operations storage from the configuration, and the use cases over it. */
import { mkdirSync } from 'node:fs';
import type { OpsStorage } from '../../storage/ops/port.ts';
import { openPgliteOpsStorage, openPostgresOpsStorage } from '../../storage/ops/open.ts';
import type { Config } from '../config.ts';
import { DEFAULT_LOGIN_POLICY } from '../../ops/login.ts';
import { argon2Hasher } from './password.ts';
import { OpsService } from './service.ts';

export async function openOpsStorage(
  config: Pick<Config, 'DATABASE_URL' | 'TEGIN_DB_DIR'>,
): Promise<OpsStorage> {
  if (config.DATABASE_URL) return openPostgresOpsStorage(config.DATABASE_URL);
  mkdirSync(config.TEGIN_DB_DIR, { recursive: true });
  return openPgliteOpsStorage(config.TEGIN_DB_DIR);
}

export function opsService(storage: OpsStorage): OpsService {
  return new OpsService({ storage, hasher: argon2Hasher, policy: DEFAULT_LOGIN_POLICY });
}

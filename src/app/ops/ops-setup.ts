/**
 * TEST SUPPORT shared by the clinical and dispensing contracts: the law over data files, and
 * organisations and staff made through the use cases (an operator creates them, audited).
 */
import assert from 'node:assert/strict';
import { Engine } from '../../domain/engine.ts';
import type { IsoDate } from '../../domain/date.ts';
import { encodeIin } from '../../domain/iin.ts';
import type { RegionCode } from '../../domain/region.ts';
import { buildRegistry } from '../../registry/build.ts';
import type { RawFile } from '../../registry/load-files.ts';
import type { Role } from '../../ops/model.ts';
import type { Actor } from '../../ops/permissions.ts';
import { lawOf, type Law } from './law.ts';
import type { OpsService, RequestContext } from './service.ts';

const ctx: RequestContext = { requestId: 'req-setup', purpose: 'setup' };
const operator: Actor = { kind: 'operator', name: 'test' };

/** The law over the repository's data files (or a variation of them). */
export function lawFromFiles(files: readonly RawFile[], version: string): Law {
  const { registry, issues } = buildRegistry(files);
  assert.deepEqual(issues, [], 'the data has problems');
  return lawOf({ registry, engine: new Engine(registry), version: { contentHash: version } });
}

/** A valid IIN for a birth date: the first serial from `serial` that has a check digit. */
export function iinFor(birthDate: IsoDate, sex: 'male' | 'female', serial = 1): string {
  for (let s = serial; s < 10_000; s++) {
    const iin = encodeIin({ birthDate, sex, serial: s });
    if (iin !== null) return iin;
  }
  throw new Error(`no IIN for ${birthDate}`);
}

/** Creates each `[region, code, kind]` organisation, named by its code. */
export async function addOrganisations(
  ops: OpsService,
  orgs: readonly [region: string, code: string, kind: string][],
): Promise<void> {
  for (const [region, code, kind] of orgs) {
    const name = { kk: code, ru: code, en: code };
    const created = await ops.createOrganisation(operator, { region, code, kind, name }, ctx);
    assert.ok(created.ok, JSON.stringify(created));
  }
}

/** Creates a staff account with one grant; the actor it acts as. */
export async function addStaff(
  ops: OpsService,
  username: string,
  given: { role: Role; region: string; organisation: string | null },
): Promise<Actor> {
  const grant = { ...given, region: given.region as RegionCode };
  const created = await ops.accounts.createAccount(
    operator,
    { username, displayName: username, grants: [grant] },
    ctx,
  );
  assert.ok(created.ok, JSON.stringify(created));
  return { kind: 'staff', accountId: created.value.id, grants: [grant] };
}

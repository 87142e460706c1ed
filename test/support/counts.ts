/**
 * Counts the tests expect, derived from the registry rather than pinned: adding a region or an
 * item must not break tests about something else (only the seed tests pin today's data).
 */
import { catalogFor } from '../../src/app/queries.ts';
import { isoDate } from '../../src/domain/date.ts';
import { realData } from './fixture.ts';

/** Items (any status) of a region's list as in force on `date` (the test servers' today). */
export function listSize(region: string, date = '2026-11-24'): number {
  const { registry } = realData();
  const found = registry.region(region);
  if (!found) throw new Error(`no region ${region}`);
  return catalogFor(registry, found, isoDate(date)).items.length;
}

/** Items whose status is `status` in that list. */
export function listCount(region: string, status: string, date = '2026-11-24'): number {
  const { registry } = realData();
  const found = registry.region(region);
  if (!found) throw new Error(`no region ${region}`);
  return catalogFor(registry, found, isoDate(date)).items.filter((i) => i.status === status).length;
}

/** The regions the data holds. */
export function regionCount(): number {
  return realData().registry.regions.length;
}

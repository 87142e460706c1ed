/**
 * The provision parameters a prescription is written under, looked up once for the issue date
 * and region, each kept with its date, status and source so the prescription records them and a
 * refusal can say whether a limit is law or a default (docs/adr/0011). Pure.
 */
import type { IsoDate } from '../domain/date.ts';
import { parameterOn, type ParameterName, type ProvisionTable } from '../domain/provision.ts';
import type { AppliedParameter } from './clinical.ts';
import type { RenewalWindow } from './prescribing.ts';

export interface PrescribingParameters {
  validityDays: AppliedParameter & { value: number };
  /** `maxSupplyDays`, or `maxSupplyDaysContinuous` for continuous therapy. */
  maxSupply: AppliedParameter & { value: number };
  window: RenewalWindow;
  applied: AppliedParameter[];
}

type DaysParameter = Exclude<ParameterName, 'excludedItemPolicy'>;

export function prescribingParameters(
  table: ProvisionTable,
  region: string,
  date: IsoDate,
  continuous: boolean,
): { ok: true; value: PrescribingParameters } | { ok: false; message: string } {
  const names: DaysParameter[] = [
    'validityDays',
    continuous ? 'maxSupplyDaysContinuous' : 'maxSupplyDays',
    'renewalWindowDays',
    'renewalWindowShortDays',
    'renewalShortSupplyBelowDays',
  ];
  const applied: (AppliedParameter & { value: number })[] = [];
  for (const name of names) {
    const answer = parameterOn(table, region, name, date);
    if (!answer.ok) return { ok: false, message: answer.message };
    const { from, value, status, source } = answer.entry;
    applied.push({ name, value, from, status, source });
  }
  const [validityDays, maxSupply, days, shortDays, shortSupplyBelowDays] = applied as [
    AppliedParameter & { value: number },
    AppliedParameter & { value: number },
    AppliedParameter & { value: number },
    AppliedParameter & { value: number },
    AppliedParameter & { value: number },
  ];
  return {
    ok: true,
    value: {
      validityDays,
      maxSupply,
      window: {
        days: days.value,
        shortDays: shortDays.value,
        shortSupplyBelowDays: shortSupplyBelowDays.value,
      },
      applied,
    },
  };
}

/** "maxSupplyDays in KZ-27 from 2021-08-20, a default tegin chose, not law (source)". */
export function describeParameter(p: AppliedParameter, region: string): string {
  const standing =
    p.status === 'law'
      ? 'law'
      : p.status === 'reported'
        ? 'reported, not read in the act'
        : 'a default tegin chose, not law';
  return `${p.name} in ${region} from ${p.from}, ${standing}: ${p.source}`;
}

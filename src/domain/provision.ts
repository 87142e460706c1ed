/**
 * Operational parameters of free provision, per region, as dated data
 * (`data/<KZ-NN>/provision.yaml`): prescription validity, days of supply,
 * renewal window, deferred-service due dates, the excluded-item policy.
 *
 * Most of these are not read in a Kazakh legal text (docs/adr/0011): every
 * value says whether it is `law` (read in the act), `reported` (news or an
 * official explainer about the act) or a `default` tegin chose, and cites its
 * source, so an answer can say plainly when it rests on a default.
 */
import { z } from 'zod';
import { IsoDate } from './date.ts';
import { RegionCode } from './region.ts';

export const PARAMETER_STATUSES = ['law', 'reported', 'default'] as const;
export const ParameterStatus = z.enum(PARAMETER_STATUSES);
export type ParameterStatus = z.infer<typeof ParameterStatus>;

const Days = z.number().int().positive().max(3660);

/** What a pharmacy does with a prescription whose item the list excluded after it was written. */
export const ExcludedItemPolicy = z.enum(['honour_until_expiry', 'refuse']);

/** Every parameter and the type of its value; adding one here makes the schema demand it. */
export const PROVISION_PARAMETERS = {
  /** Days a prescription can be dispensed after it is signed. */
  validityDays: Days,
  /** Most days of supply on one prescription. */
  maxSupplyDays: Days,
  /** Most days of supply on one prescription for continuous therapy. */
  maxSupplyDaysContinuous: Days,
  /** A new prescription for the same INN may be written this many days before the supply ends. */
  renewalWindowDays: Days,
  /** …or this many, when the previous prescription covered fewer than `renewalShortSupplyBelowDays`. */
  renewalWindowShortDays: Days,
  renewalShortSupplyBelowDays: Days,
  /** Working days within which a deferred (out-of-stock) prescription should be served. */
  deferredDueWorkingDays: Days,
  deferredUrgentDueWorkingDays: Days,
  excludedItemPolicy: ExcludedItemPolicy,
} as const;

export type ParameterName = keyof typeof PROVISION_PARAMETERS;

function datedValues<T extends z.ZodType>(value: T) {
  return z
    .array(
      z.strictObject({
        /** The first day the value applies; it applies until the next entry's `from`. */
        from: IsoDate,
        value,
        status: ParameterStatus,
        /** The act, report or policy the value comes from, in words a reviewer can check. */
        source: z.string().min(1),
        note: z.string().min(1).optional(),
      }),
    )
    .min(1)
    .superRefine((entries, ctx) => {
      entries.forEach((entry, i) => {
        const previous = entries[i - 1];
        if (previous && entry.from <= previous.from) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'from'],
            message: `dates must increase: ${entry.from} is not after ${previous.from}`,
          });
        }
      });
    });
}

const P = PROVISION_PARAMETERS;

export const ProvisionFile = z.strictObject({
  kind: z.literal('provision'),
  region: RegionCode,
  parameters: z.strictObject({
    validityDays: datedValues(P.validityDays),
    maxSupplyDays: datedValues(P.maxSupplyDays),
    maxSupplyDaysContinuous: datedValues(P.maxSupplyDaysContinuous),
    renewalWindowDays: datedValues(P.renewalWindowDays),
    renewalWindowShortDays: datedValues(P.renewalWindowShortDays),
    renewalShortSupplyBelowDays: datedValues(P.renewalShortSupplyBelowDays),
    deferredDueWorkingDays: datedValues(P.deferredDueWorkingDays),
    deferredUrgentDueWorkingDays: datedValues(P.deferredUrgentDueWorkingDays),
    excludedItemPolicy: datedValues(P.excludedItemPolicy),
  } satisfies Record<ParameterName, z.ZodType>),
});
export type ProvisionFile = z.infer<typeof ProvisionFile>;

/** One dated value of a parameter, as the data file holds it. */
export type DatedValue<N extends ParameterName> = ProvisionFile['parameters'][N][number];
export type ParameterValue<N extends ParameterName> = DatedValue<N>['value'];

export type ParameterAnswer<N extends ParameterName> =
  | { ok: true; name: N; region: RegionCode; date: IsoDate; isLaw: boolean; entry: DatedValue<N> }
  | { ok: false; code: 'region_unknown' | 'before_first_value'; message: string };

/** The provision files by region. */
export type ProvisionTable = ReadonlyMap<string, ProvisionFile>;

export function provisionTable(files: readonly ProvisionFile[]): ProvisionTable {
  return new Map(files.map((f) => [f.region, f]));
}

/** The value of `name` in `region` on `date`, with its source and whether it is law. */
export function parameterOn<N extends ParameterName>(
  table: ProvisionTable,
  region: string,
  name: N,
  date: IsoDate,
): ParameterAnswer<N> {
  const file = table.get(region);
  if (!file) {
    return {
      ok: false,
      code: 'region_unknown',
      message: `no provision parameters for region ${region}`,
    };
  }
  const entries: readonly DatedValue<N>[] = file.parameters[name];
  const entry = entries.findLast((e) => e.from <= date);
  if (!entry) {
    return {
      ok: false,
      code: 'before_first_value',
      message: `${name} in ${region} has no value before ${entries[0]?.from ?? 'its first entry'}`,
    };
  }
  return { ok: true, name, region: file.region, date, isLaw: entry.status === 'law', entry };
}

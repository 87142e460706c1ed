/**
 * Region names through time: every name a region (or a former region) bore, the
 * dates it applied, the maslikhat forms acts write it in, the current region that
 * continues it, and the source of each date. Acts from 2008–2022 name regions that
 * no longer exist as such (South Kazakhstan oblast until 2018, Astana as Nur-Sultan
 * 2019–2022, Almaty / East Kazakhstan / Karaganda oblasts before the 2022 split);
 * the importer needs the name as of the act's date, not today's.
 */
import { z } from 'zod';
import { IsoDate } from './date.ts';
import { RegionCode } from './region.ts';
import { LocalizedText } from './text.ts';

/** How sure a date is: `cited` from the act named in `source`, `reference` from the shared reference table, `general-knowledge` from neither. */
export const NAME_CONFIDENCE = ['cited', 'reference', 'general-knowledge'] as const;

export const RegionNameSource = z.strictObject({
  text: z.string().min(1),
  confidence: z.enum(NAME_CONFIDENCE),
});

export const RegionName = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lower-case slug'),
    /** The current region that continues this name's maslikhat (its legal successor). */
    region: RegionCode,
    /** Every current region whose territory this name covered, when it covered more than one. */
    territory: z.array(RegionCode).min(1).optional(),
    kind: z.enum(['oblast', 'city']),
    name: LocalizedText,
    /**
     * The maslikhat as acts write it, as word stems (each word of the text must start with
     * the stem, in order): "Павлодар облыст мәслихат" reads "Павлодар облыстық мәслихатының"
     * and "Павлодар облыстық мәслихаты"; "маслихат город Астан" reads "маслихата города Астаны".
     */
    forms: z.array(z.string().min(3)).min(1),
    /** First day the name applied; null = before the period tegin covers (1997). */
    from: IsoDate.nullable(),
    /** Last day the name applied; null = still in use. */
    until: IsoDate.nullable(),
    source: RegionNameSource,
  })
  .refine((n) => n.from === null || n.until === null || n.from <= n.until, {
    message: 'from must not be after until',
    path: ['until'],
  });
export type RegionName = z.infer<typeof RegionName>;

export const RegionNamesFile = z.strictObject({
  kind: z.literal('region-names'),
  source: z.string().min(1),
  names: z.array(RegionName).min(1),
});
export type RegionNamesFile = z.infer<typeof RegionNamesFile>;

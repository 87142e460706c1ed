/**
 * Regions: the 17 oblasts and 3 cities of republican significance. Since
 * November 2022 the ISO 3166-2:KZ subdivision code is the two-digit KATO code.
 */
import { z } from 'zod';
import { LocalizedText } from './text.ts';

export const RegionCode = z
  .string()
  .regex(/^KZ-\d{2}$/, 'expected an ISO 3166-2:KZ code such as KZ-27')
  .brand<'RegionCode'>();
export type RegionCode = z.infer<typeof RegionCode>;

export const Region = z.strictObject({
  code: RegionCode,
  kato: z.string().regex(/^\d{9}$/, 'expected the 9-digit KATO code'),
  slug: z
    .string()
    .regex(/^[a-z]+(?:-[a-z]+)*$/, 'expected a lower-case slug such as west-kazakhstan'),
  kind: z.enum(['oblast', 'city']),
  name: LocalizedText,
  /**
   * The region's maslikhat in the form "decision of …" needs: kk genitive
   * ("Батыс Қазақстан облыстық мәслихатының"), ru genitive ("Западно-Казахстанского
   * областного маслихата"), en ("West Kazakhstan oblast maslikhat").
   */
  maslikhat: LocalizedText,
  centre: LocalizedText.nullable(),
});
export type Region = z.infer<typeof Region>;

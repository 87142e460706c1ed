/** Every kind of data file, told apart by its `kind` field. */
import { z } from 'zod';
import { ActFile } from './act.ts';
import { DiseasesFile } from './diseases.ts';
import { ListFile } from './list.ts';
import { ProvisionFile } from './provision.ts';
import { Region } from './region.ts';
import { RegionNamesFile } from './region-names.ts';
import { MedicinesFile } from './vocabulary.ts';

export const RegionsFile = z.strictObject({
  kind: z.literal('regions'),
  source: z.string().min(1),
  regions: z.array(Region).min(1),
});
export type RegionsFile = z.infer<typeof RegionsFile>;

export const DataFile = z.discriminatedUnion('kind', [
  RegionsFile,
  ActFile,
  ListFile,
  MedicinesFile,
  DiseasesFile,
  ProvisionFile,
  RegionNamesFile,
]);
export type DataFile = z.infer<typeof DataFile>;

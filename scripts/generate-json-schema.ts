// Writes data/schema/*.schema.json (law) and reference/schema/*.schema.json (reference data) from the zod schemas, for editors (yaml-language-server).
// With --check, fails when the committed files differ from what the schemas generate.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ActFile } from '../src/domain/act.ts';
import { DiseasesFile } from '../src/domain/diseases.ts';
import { RegionsFile } from '../src/domain/files.ts';
import { ListFile } from '../src/domain/list.ts';
import { MedicinesFile } from '../src/domain/vocabulary.ts';
import { ProvisionFile } from '../src/domain/provision.ts';
import { RegionNamesFile } from '../src/domain/region-names.ts';
import { DosesFile, PacksFile, PricesFile } from '../src/domain/reference.ts';

const dataDir = fileURLToPath(new URL('../data/schema/', import.meta.url));
const referenceDir = fileURLToPath(new URL('../reference/schema/', import.meta.url));
const schemas: Record<string, [z.ZodType, string]> = {
  act: [ActFile, dataDir],
  list: [ListFile, dataDir],
  regions: [RegionsFile, dataDir],
  medicines: [MedicinesFile, dataDir],
  diseases: [DiseasesFile, dataDir],
  provision: [ProvisionFile, dataDir],
  'region-names': [RegionNamesFile, dataDir],
  prices: [PricesFile, referenceDir],
  doses: [DosesFile, referenceDir],
  packs: [PacksFile, referenceDir],
};
const check = process.argv.includes('--check');
let stale = 0;
for (const [name, [schema, outDir]] of Object.entries(schemas)) {
  mkdirSync(outDir, { recursive: true });
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any' });
  const text = `${JSON.stringify({ ...json, title: `tegin ${name} ${outDir === dataDir ? 'data' : 'reference'} file` }, null, 2)}\n`;
  const file = `${outDir}${name}.schema.json`;
  if (check) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
      console.error(`${file} is stale: run npm run schema`);
      stale++;
    }
  } else writeFileSync(file, text);
}
if (check) console.log(stale === 0 ? 'schema: up to date' : `schema: ${stale} stale file(s)`);
process.exitCode = stale === 0 ? 0 : 1;

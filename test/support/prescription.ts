/** A signed-prescription fixture: one prescription with every payload field set, for the signer's tests. */
import type { ActId } from '../../src/domain/act.ts';
import type { Icd10Code } from '../../src/domain/codes.ts';
import { isoDate } from '../../src/domain/date.ts';
import type { RegionCode } from '../../src/domain/region.ts';
import type { UnsignedPrescription } from '../../src/ops/clinical.ts';

/** Valid IINs (check digit included) from src/domain/iin.test.ts. */
export const PATIENT_IIN = '900101300126';
export const OTHER_IIN = '850725401230';

const ACT = 'KZ-35.maslikhat.2021-02-25.34' as ActId;
const EDITION = 'KZ-35.maslikhat.2024-10-24.15-3' as ActId;

export function samplePrescription(): UnsignedPrescription {
  return {
    id: '3f1d2c4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f',
    number: 'KZ-35-2026-000042',
    region: 'KZ-35' as RegionCode,
    patientId: '0b7e6f1a-2c3d-4e5f-8a9b-1c2d3e4f5a6b',
    organisation: 'KZ-35/POLY-1',
    icd10: 'E11.9' as Icd10Code,
    product: { inn: 'metformin', name: 'Glucophage', form: 'tablets 500 mg', atc: 'A10BA02' },
    quantity: 3,
    unit: 'pack',
    dosing: '1 tablet twice a day with meals',
    daysOfSupply: 30,
    continuous: true,
    issuedOn: isoDate('2026-03-01'),
    validFrom: isoDate('2026-03-01'),
    validTo: isoDate('2026-03-30'),
    prescriber: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    basis: {
      region: 'KZ-35' as RegionCode,
      status: 'entitled',
      item: 'KZ-35/diabetes-2/14',
      citation: {
        act: ACT,
        annex: '1',
        section: '1',
        item: '14',
        units: [{ kind: 'point', number: '1' }],
        edition: {
          act: EDITION,
          amendedBy: [],
          inForceFrom: { kind: 'known', date: isoDate('2024-11-10'), basis: 'publication' },
        },
        source: { file: 'data/KZ-35/lists/x.yaml', lines: [10, 12] },
        text: { kk: 'x', ru: 'x', en: 'x' },
      },
      explanation: { kk: 'x', ru: 'x', en: 'x' },
      registryVersion: 'a'.repeat(64),
      facts: { registration: null, commissionDecision: null },
      parameters: [],
    },
  };
}

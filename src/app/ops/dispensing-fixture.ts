/**
 * TEST FIXTURE for the dispensing contract, until the prescription use cases land (branch
 * `rx`): a valid prescription row inserted by SQL, its basis frozen from the real engine's
 * answer on the issue date, signed with a real Ed25519 key made here (`testSigner`; the
 * configured `PrescriptionSigner` replaces it at merge). Never used outside tests.
 */
import { generateKeyPairSync, randomUUID, sign, verify } from 'node:crypto';
import { addDays, type IsoDate } from '../../domain/date.ts';
import { decodeIin } from '../../domain/iin.ts';
import { parameterOn } from '../../domain/provision.ts';
import { Engine } from '../../domain/engine.ts';
import { buildRegistry } from '../../registry/build.ts';
import type { RawFile } from '../../registry/load-files.ts';
import { canonicalJson, type Json } from '../../ops/canonical-json.ts';
import type {
  FrozenBasis,
  Prescription,
  PrescriptionSignature,
  PrescriptionSigner,
  UnsignedPrescription,
} from '../../ops/clinical.ts';
import type { SqlClient } from '../../storage/sql-client.ts';
import { lawOf, type Law } from './law.ts';

/** The law over the repository's data files (or a variation of them). */
export function lawFromFiles(files: readonly RawFile[], version: string): Law {
  const { registry, issues } = buildRegistry(files);
  if (issues.length > 0) throw new Error(`the data has ${issues.length} problem(s)`);
  return lawOf({ registry, engine: new Engine(registry), version: { contentHash: version } });
}

/** A valid IIN for a birth date (the first serial whose check digit exists). */
export function iinFor(birth: string, centuryAndSex: '3' | '4' | '5' | '6', serial = 1): string {
  const [y, m, d] = birth.split('-') as [string, string, string];
  for (let s = serial; s < 10_000; s++) {
    const first11 = `${y.slice(2)}${m}${d}${centuryAndSex}${String(s).padStart(4, '0')}`;
    for (let check = 0; check < 10; check++) {
      if (decodeIin(`${first11}${check}`).ok) return `${first11}${check}`;
    }
  }
  throw new Error(`no IIN for ${birth}`);
}

const UNSIGNED_OMITS = new Set(['signature', 'status', 'cancellation', 'dispensed']);

/** What the test signer signs: the unsigned fields and the IIN, as canonical JSON. */
function payload(prescription: UnsignedPrescription, iin: string): Buffer {
  const fields = Object.fromEntries(
    Object.entries(prescription).filter(([k]) => !UNSIGNED_OMITS.has(k)),
  );
  const plain = JSON.parse(JSON.stringify({ prescription: fields, iin })) as Json;
  return Buffer.from(canonicalJson(plain));
}

/** A real Ed25519 signer with a key made for the test run. */
export function testSigner(keyId = 'test-key'): PrescriptionSigner {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    keyId,
    sign: (prescription, patient): PrescriptionSignature => ({
      algorithm: 'Ed25519',
      keyId,
      value: sign(null, payload(prescription, patient.iin), privateKey).toString('base64url'),
    }),
    verify: (prescription, patient) =>
      prescription.signature.algorithm === 'Ed25519' &&
      prescription.signature.keyId === keyId &&
      verify(
        null,
        payload(prescription, patient.iin),
        publicKey,
        Buffer.from(prescription.signature.value, 'base64url'),
      ),
  };
}

export interface PrescriptionFixture {
  number: string;
  patient: { id: string; iin: string; birthDate: string };
  /** The prescribing organisation and doctor (an account id). */
  organisation: string;
  prescriber: string;
  icd10: string;
  inn: string;
  quantity: number;
  daysOfSupply: number;
  issuedOn: IsoDate;
  status?: 'active' | 'cancelled';
  /** Signs for this IIN instead of the patient's (a forged or misdirected prescription). */
  signFor?: string;
}

/** Inserts a signed, valid prescription whose basis is the engine's answer on the issue day. */
export async function insertPrescription(
  db: SqlClient,
  law: Law,
  signer: PrescriptionSigner,
  f: PrescriptionFixture,
): Promise<Prescription> {
  const region = f.organisation.slice(0, 5);
  const answer = law.evaluate({
    region,
    date: f.issuedOn,
    birthDate: f.patient.birthDate,
    citizenship: 'KZ',
    servedIn: region,
    diagnoses: [
      { code: f.icd10, registered: true, commission: true, verified: true, confirmed: true },
    ],
  });
  if (!answer.ok) throw new Error(`the engine refused the facts: ${answer.issues[0]?.message}`);
  const entitlement = answer.result.entitlements.find(
    (e) => e.status === 'entitled' && e.products.some((p) => p.inn === f.inn),
  );
  if (!entitlement) throw new Error(`${f.inn} is not free for ${f.icd10} on ${f.issuedOn}`);
  const validity = parameterOn(law.provision, region, 'validityDays', f.issuedOn);
  if (!validity.ok) throw new Error(validity.message);
  const basis: FrozenBasis = {
    region: entitlement.region,
    status: entitlement.status,
    item: entitlement.item,
    citation: entitlement.basis,
    explanation: entitlement.explanation,
    registryVersion: law.version,
    facts: { registration: null, commissionDecision: null },
    parameters: [
      {
        name: 'validityDays',
        value: validity.entry.value,
        from: validity.entry.from,
        status: validity.entry.status,
        source: validity.entry.source,
      },
    ],
  };
  const product = entitlement.products.find((p) => p.inn === f.inn);
  const unsigned: UnsignedPrescription = {
    id: randomUUID(),
    number: f.number,
    region: entitlement.region,
    patientId: f.patient.id,
    organisation: f.organisation,
    prescriber: f.prescriber,
    icd10: answer.result.diagnoses[0]?.code ?? (f.icd10 as Prescription['icd10']),
    product: { inn: f.inn, name: null, form: product?.form?.en ?? null, atc: product?.atc ?? null },
    quantity: f.quantity,
    unit: 'pack',
    dosing: 'as directed',
    daysOfSupply: f.daysOfSupply,
    continuous: false,
    issuedOn: f.issuedOn,
    validFrom: f.issuedOn,
    validTo: addDays(f.issuedOn, validity.entry.value - 1),
    basis,
  };
  const signature = signer.sign(unsigned, { iin: f.signFor ?? f.patient.iin });
  const status = f.status ?? 'active';
  await db.query(
    `INSERT INTO ops_prescriptions (id, number, region, patient_id, organisation, prescriber,
       icd10, product_key, product, quantity, unit, dosing, days_of_supply, continuous,
       issued_on, valid_from, valid_to, supply_to, basis, signature, status, cancelled_at,
       cancelled_by, cancel_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13, $14, $15, $16, $17,
       $18, $19::jsonb, $20::jsonb, $21, $22, $23, $24)`,
    [
      unsigned.id,
      unsigned.number,
      unsigned.region,
      unsigned.patientId,
      unsigned.organisation,
      unsigned.prescriber,
      unsigned.icd10,
      f.inn,
      JSON.stringify(unsigned.product),
      unsigned.quantity,
      unsigned.unit,
      unsigned.dosing,
      unsigned.daysOfSupply,
      unsigned.continuous,
      unsigned.issuedOn,
      unsigned.validFrom,
      unsigned.validTo,
      addDays(f.issuedOn, f.daysOfSupply - 1),
      JSON.stringify(basis),
      JSON.stringify(signature),
      status,
      status === 'cancelled' ? `${f.issuedOn}T10:00:00.000Z` : null,
      status === 'cancelled' ? f.prescriber : null,
      status === 'cancelled' ? 'entered in error' : null,
    ],
  );
  return {
    ...unsigned,
    signature,
    status,
    cancellation: null,
    dispensed: 0,
  };
}

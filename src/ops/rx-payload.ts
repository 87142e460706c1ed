/**
 * What a prescription's signature covers, and the QR text a pharmacy scans to check it offline
 * (docs/adr/0016-prescription-signatures.md). Pure: no keys, no clock, no crypto — the signer
 * (src/app/ops/signer.ts) signs and verifies the bytes these functions give it.
 *
 * The payload (version 1) holds what a pharmacist needs to dispense without asking the server,
 * and nothing more: no names (the identity document has them), no internal ids of the patient.
 *   v                     the payload's version: a verifier refuses one it does not read.
 *   number                the prescription's number, what the pharmacy records and the ledger
 *                         knows it by (online, the ledger is what stops a second dispense).
 *   region                whose list and budget the prescription draws on; a pharmacy of
 *                         another region sees it is not theirs.
 *   iin                   the patient's IIN, checked against the identity document: without it
 *                         a copied QR would serve anyone who carries it.
 *   issuedOn              the day it was written (the basis and the signing key are of that day).
 *   validFrom, validTo    the validity window, both days included: checked on the day of dispense.
 *   product               INN, trade name, form and ATC code: what may be handed over.
 *   quantity, unit        how much, in dispensing units: the most the pharmacy may hand over.
 *   dosing, daysOfSupply,
 *   continuous            the signa and the supply it is for, which the pharmacist explains and
 *                         checks the quantity against; continuous marks a long-term treatment.
 *   icd10                 the diagnosis the product is free for (the list's item is per disease).
 *   organisation          the prescriber's organisation (KZ-NN/CODE), for the pharmacy's records.
 *   prescriber            the prescriber's account id: who answers for it (not a name).
 *   basis                 the list item, the act and its edition, and the registry version the
 *                         entitlement was decided under: why it is free, citable offline.
 *
 * The QR text: `TGRX1.<base64url(canonical JSON of the payload)>.<keyId>.<base64url(signature)>`.
 * The signature covers the ASCII text `TGRX1.<base64url(payload)>`, so the format's version is
 * signed too and a signature made for anything else cannot pass for a prescription's. The key
 * id is a hint to find the key, not signed: naming another key only makes verification fail.
 * This module makes the text; drawing the QR image is the printing client's job (tegin has no
 * QR library): any QR encoder takes the text in byte mode.
 */
import { z } from 'zod';
import { ActId } from '../domain/act.ts';
import { AtcCode, Icd10Code } from '../domain/codes.ts';
import { IsoDate } from '../domain/date.ts';
import { decodeIin } from '../domain/iin.ts';
import { RegionCode } from '../domain/region.ts';
import { decodeBase64url, encodeBase64url } from './base64url.ts';
import { canonicalJson } from './canonical-json.ts';
import type { PrescriptionSignature, UnsignedPrescription } from './clinical.ts';

export const RX_PAYLOAD_VERSION = 1;
export const RX_QR_PREFIX = 'TGRX1';
/** What a QR code holds in byte mode at its largest (version 40, error correction L). */
export const MAX_RX_QR_LENGTH = 2953;
/** Ed25519 signatures are 64 bytes. */
const SIGNATURE_BYTES = 64;

/** A signing key's id: the first 16 hex digits of SHA-256 of its raw 32-byte public key. */
export const KeyId = z.string().regex(/^[0-9a-f]{16}$/, 'expected 16 lower-case hex digits');

const Text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => s.trim() === s, 'no spaces at either end');

export const RxPayloadV1 = z
  .strictObject({
    v: z.literal(RX_PAYLOAD_VERSION),
    number: z
      .string()
      .regex(/^KZ-\d{2}-\d{4}-\d{1,12}$/, 'expected a number such as KZ-35-2026-000042'),
    region: RegionCode,
    iin: z
      .string()
      .refine((iin) => /^\d{12}$/.test(iin) && decodeIin(iin).ok, 'not a valid 12-digit IIN'),
    issuedOn: IsoDate,
    validFrom: IsoDate,
    validTo: IsoDate,
    product: z
      .strictObject({
        inn: Text(200).nullable(),
        name: Text(200).nullable(),
        form: Text(200).nullable(),
        atc: AtcCode.nullable(),
      })
      .refine((p) => p.inn !== null || p.name !== null, 'a product has an INN or a name'),
    quantity: z.number().int().min(1).max(10_000),
    unit: Text(32),
    dosing: Text(500),
    daysOfSupply: z.number().int().min(1).max(366),
    continuous: z.boolean(),
    icd10: Icd10Code,
    organisation: z
      .string()
      .regex(/^KZ-\d{2}\/[A-Z0-9][A-Z0-9-]{0,31}$/, 'expected an organisation as KZ-NN/CODE'),
    prescriber: Text(100),
    basis: z.strictObject({
      item: Text(200),
      act: ActId,
      edition: ActId,
      registryVersion: z
        .string()
        .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'expected a registry version id (1–100 characters)'),
    }),
  })
  .refine((p) => p.validFrom <= p.validTo, {
    path: ['validTo'],
    message: 'the validity ends before it starts',
  })
  .refine((p) => p.issuedOn <= p.validFrom, {
    path: ['validFrom'],
    message: 'valid from a day before it was issued',
  });
export type RxPayload = z.output<typeof RxPayloadV1>;

/** The payload's fields as a prescription holds them, unchecked. */
function payloadFields(
  prescription: UnsignedPrescription,
  patient: { iin: string },
): z.input<typeof RxPayloadV1> {
  const p = prescription;
  return {
    v: RX_PAYLOAD_VERSION,
    number: p.number,
    region: p.region,
    iin: patient.iin,
    issuedOn: p.issuedOn,
    validFrom: p.validFrom,
    validTo: p.validTo,
    product: { inn: p.product.inn, name: p.product.name, form: p.product.form, atc: p.product.atc },
    quantity: p.quantity,
    unit: p.unit,
    dosing: p.dosing,
    daysOfSupply: p.daysOfSupply,
    continuous: p.continuous,
    icd10: p.icd10,
    organisation: p.organisation,
    prescriber: p.prescriber,
    basis: {
      item: p.basis.item,
      act: p.basis.citation.act,
      edition: p.basis.citation.edition.act,
      registryVersion: p.basis.registryVersion,
    },
  };
}

/**
 * The payload of a prescription for its patient. Throws when the prescription does not make a
 * valid payload: issuing validates every field first, so that is a bug, and nothing is signed
 * that a verifier would refuse.
 */
export function rxPayloadOf(
  prescription: UnsignedPrescription,
  patient: { iin: string },
): RxPayload {
  const result = RxPayloadV1.safeParse(payloadFields(prescription, patient));
  if (!result.success) {
    const number = prescription.number;
    throw new Error(`prescription ${number} makes no valid payload: ${issuesText(result.error)}`);
  }
  return result.data;
}

/**
 * The text a stored prescription's signature is checked against: its payload as stored, not
 * validated again (docs/adr/0025). The schema changes no value, so a valid payload gives the
 * text rxSigningInput gives; a stored field that would not validate is not what was signed (a
 * payload is validated before it is signed), so the signature fails on it.
 */
export function rxVerifyingInput(
  prescription: UnsignedPrescription,
  patient: { iin: string },
): string {
  return signingText(payloadFields(prescription, patient));
}

/** The text the signature covers: `TGRX1.<base64url(canonical JSON)>`, ASCII. */
export function rxSigningInput(payload: RxPayload): string {
  return signingText(payload);
}

const signingText = (payload: z.input<typeof RxPayloadV1>): string =>
  `${RX_QR_PREFIX}.${encodeBase64url(new TextEncoder().encode(canonicalJson(payload)))}`;

export type RxQrTextResult = { ok: true; text: string } | { ok: false; message: string };

/** The QR text of a signed payload, or why it cannot be one (longer than a QR code holds). */
export function encodeRxQr(payload: RxPayload, signature: PrescriptionSignature): RxQrTextResult {
  const text = `${rxSigningInput(payload)}.${signature.keyId}.${signature.value}`;
  if (text.length > MAX_RX_QR_LENGTH) {
    return {
      ok: false,
      message: `the QR text would be ${text.length} characters, more than a QR code holds (${MAX_RX_QR_LENGTH}): shorten the dosing or the product's names`,
    };
  }
  return { ok: true, text };
}

export interface DecodedRxQr {
  payload: RxPayload;
  /** The exact text the signature covers. */
  signingInput: string;
  keyId: string;
  signature: Uint8Array;
}

export type RxQrDecodeResult = { ok: true; value: DecodedRxQr } | { ok: false; message: string };

/**
 * Reads a QR text, strictly: bounded length, four dot-separated parts, the `TGRX1` prefix,
 * canonical base64url, a 64-byte signature, a key id, and a payload that is the canonical JSON
 * of a valid version-1 payload. Says what is wrong; checks no signature (the signer does).
 */
export function decodeRxQr(text: string): RxQrDecodeResult {
  const fail = (message: string): RxQrDecodeResult => ({ ok: false, message });
  if (text.length === 0) return fail('the QR text is empty');
  if (text.length > MAX_RX_QR_LENGTH) {
    return fail(`the QR text has ${text.length} characters, more than a QR code holds`);
  }
  const parts = text.split('.');
  const [prefix = '', payloadPart = '', keyId = '', signaturePart = ''] = parts;
  if (prefix !== RX_QR_PREFIX) {
    return fail(
      /^TGRX\d+$/.test(prefix)
        ? `format ${prefix} is not read by this verifier (it reads ${RX_QR_PREFIX})`
        : `not a tegin prescription: the text does not start with "${RX_QR_PREFIX}."`,
    );
  }
  if (parts.length !== 4) {
    return fail(
      `expected 4 parts separated by dots (prefix, payload, key, signature), found ${parts.length}`,
    );
  }
  if (!KeyId.safeParse(keyId).success) {
    return fail(`the key id "${keyId.slice(0, 20)}" is not 16 lower-case hex digits`);
  }
  const signature = decodeBase64url(signaturePart);
  if (signature === null) return fail('the signature is not base64url');
  if (signature.length !== SIGNATURE_BYTES) {
    return fail(`the signature has ${signature.length} bytes, an Ed25519 signature has 64`);
  }
  const bytes = decodeBase64url(payloadPart);
  if (bytes === null || bytes.length === 0) return fail('the payload is not base64url');
  const payload = parsePayload(bytes);
  if (!payload.ok) return payload;
  return {
    ok: true,
    value: { payload: payload.value, signingInput: `${prefix}.${payloadPart}`, keyId, signature },
  };
}

function parsePayload(
  bytes: Uint8Array,
): { ok: true; value: RxPayload } | { ok: false; message: string } {
  let json: string;
  let value: unknown;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    value = JSON.parse(json);
  } catch {
    return { ok: false, message: 'the payload is not JSON in UTF-8' };
  }
  const version =
    typeof value === 'object' && value !== null && 'v' in value
      ? (value as { v: unknown }).v
      : undefined;
  if (version !== RX_PAYLOAD_VERSION) {
    return {
      ok: false,
      message: `payload version ${JSON.stringify(version) ?? 'missing'}: this verifier reads version ${RX_PAYLOAD_VERSION}`,
    };
  }
  const parsed = RxPayloadV1.safeParse(value);
  if (!parsed.success)
    return { ok: false, message: `the payload is not valid: ${issuesText(parsed.error)}` };
  if (canonicalJson(parsed.data) !== json) {
    return { ok: false, message: 'the payload is not in canonical form' };
  }
  return { ok: true, value: parsed.data };
}

function issuesText(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`)
    .join('; ');
}

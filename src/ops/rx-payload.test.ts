import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PATIENT_IIN, samplePrescription } from '../../test/support/prescription.ts';
import { decodeBase64url, encodeBase64url } from './base64url.ts';
import { canonicalJson } from './canonical-json.ts';
import type { PrescriptionSignature } from './clinical.ts';
import {
  decodeRxQr,
  encodeRxQr,
  MAX_RX_QR_LENGTH,
  rxPayloadOf,
  rxSigningInput,
  rxVerifyingInput,
  type RxPayload,
} from './rx-payload.ts';

const payload = () => rxPayloadOf(samplePrescription(), { iin: PATIENT_IIN });
/** A well-formed signature value: the pure layer checks its shape, not its truth. */
const SIGNATURE: PrescriptionSignature = {
  algorithm: 'Ed25519',
  keyId: '0123456789abcdef',
  value: encodeBase64url(new Uint8Array(64).fill(7)),
};
const qrOf = (p: RxPayload) => {
  const encoded = encodeRxQr(p, SIGNATURE);
  assert.ok(encoded.ok);
  return encoded.text;
};
/** A QR text whose payload part is the given JSON text, as sent. */
const withPayloadText = (json: string) =>
  `TGRX1.${encodeBase64url(new TextEncoder().encode(json))}.${SIGNATURE.keyId}.${SIGNATURE.value}`;
const problem = (text: string) => {
  const decoded = decodeRxQr(text);
  assert.equal(decoded.ok, false, text.slice(0, 80));
  return decoded.ok ? '' : decoded.message;
};

describe('base64url', () => {
  it('round-trips every length and matches node', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      const text = encodeBase64url(bytes);
      assert.equal(text, Buffer.from(bytes).toString('base64url'));
      assert.deepEqual(decodeBase64url(text), bytes);
    }
  });

  it('refuses padding, the standard alphabet, an impossible length and stray bits', () => {
    for (const text of ['AA==', 'A+8', 'A/8', 'A', 'AB', 'AAB', 'AA A']) {
      assert.equal(decodeBase64url(text), null, text);
    }
    assert.deepEqual(decodeBase64url('AA'), new Uint8Array([0]));
  });
});

describe('the prescription payload (v1)', () => {
  it('holds what a pharmacy checks offline and nothing more: no names, no internal ids', () => {
    const p = payload();
    assert.deepEqual(Object.keys(p).sort(), [
      'basis',
      'continuous',
      'daysOfSupply',
      'dosing',
      'icd10',
      'iin',
      'issuedOn',
      'number',
      'organisation',
      'prescriber',
      'product',
      'quantity',
      'region',
      'unit',
      'v',
      'validFrom',
      'validTo',
    ]);
    assert.deepEqual(p.basis, {
      item: 'KZ-35/diabetes-2/14',
      act: 'KZ-35.maslikhat.2021-02-25.34',
      edition: 'KZ-35.maslikhat.2024-10-24.15-3',
      registryVersion: 'a'.repeat(64),
    });
    assert.equal(p.iin, PATIENT_IIN);
    const json = canonicalJson(p);
    for (const hidden of [samplePrescription().id, samplePrescription().patientId, 'explanation']) {
      assert.ok(!json.includes(hidden), hidden);
    }
  });

  it('refuses to make a payload a verifier would refuse (a bug in issuing, thrown)', () => {
    const bad = { ...samplePrescription(), validTo: samplePrescription().issuedOn };
    bad.validFrom = '2026-04-01' as typeof bad.validFrom;
    assert.throws(() => rxPayloadOf(bad, { iin: PATIENT_IIN }), /validTo: the validity ends/);
    assert.throws(
      () => rxPayloadOf(samplePrescription(), { iin: '900101300127' }),
      /iin: not a valid/,
    );
  });

  it('verifies a stored prescription against the text its validated payload was signed as', () => {
    const rx = samplePrescription();
    const patient = { iin: PATIENT_IIN };
    assert.equal(rxVerifyingInput(rx, patient), rxSigningInput(rxPayloadOf(rx, patient)));
    // Not validated again: an IIN that would not validate gives a text nothing was signed as.
    const invalid = { iin: '900101300127' };
    assert.throws(() => rxPayloadOf(rx, invalid), /iin: not a valid/);
    assert.notEqual(rxVerifyingInput(rx, invalid), rxVerifyingInput(rx, patient));
  });

  it('signs the prefix too: the signing input is TGRX1 and the canonical payload', () => {
    const input = rxSigningInput(payload());
    const [prefix, body] = input.split('.');
    assert.equal(prefix, 'TGRX1');
    const bytes = decodeBase64url(body ?? '');
    assert.ok(bytes);
    assert.equal(new TextDecoder().decode(bytes), canonicalJson(payload()));
  });
});

describe('the QR text', () => {
  it('round-trips: the decoded payload, key id and signature are what was encoded', () => {
    const text = qrOf(payload());
    assert.match(text, /^TGRX1\.[A-Za-z0-9_-]+\.[0-9a-f]{16}\.[A-Za-z0-9_-]{86}$/);
    const decoded = decodeRxQr(text);
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.value.payload, payload());
    assert.equal(decoded.value.keyId, SIGNATURE.keyId);
    assert.deepEqual(decoded.value.signature, new Uint8Array(64).fill(7));
    assert.equal(decoded.value.signingInput, rxSigningInput(payload()));
  });

  it('refuses malformed texts, each with its reason', () => {
    const text = qrOf(payload());
    const [prefix, body, keyId, signature] = text.split('.') as [string, string, string, string];
    const cases: [string, RegExp][] = [
      ['', /empty/],
      [text.slice(0, -1), /signature (is not base64url|has 63 bytes)/],
      [text.slice(0, text.lastIndexOf('.')), /expected 4 parts.*found 3/],
      [`${text}.`, /expected 4 parts.*found 5/],
      [`${prefix}.${body}..${keyId}.${signature}`, /found 5/],
      [`TGRX2.${body}.${keyId}.${signature}`, /format TGRX2 is not read/],
      [`https://example.com/${text}`, /not a tegin prescription/],
      [`${prefix}.${body}.${keyId.toUpperCase()}.${signature}`, /key id .* not 16 lower-case/],
      [`${prefix}.${body}.${keyId}.${signature.slice(0, 40)}`, /signature has 30 bytes/],
      [`${prefix}.${body}.${keyId}.${signature.replace(/^./, '+')}`, /signature is not base64url/],
      [
        `${prefix}.${body.slice(0, 10)}*${body.slice(11)}.${keyId}.${signature}`,
        /payload is not base64url/,
      ],
      [`${prefix}..${keyId}.${signature}`, /payload is not base64url/],
      ['T'.repeat(MAX_RX_QR_LENGTH + 1), /more than a QR code holds/],
      [`${text}${'A'.repeat(10_000_000)}`, /more than a QR code holds/],
      [withPayloadText('{"v":1'), /not JSON/],
      [
        withPayloadText(canonicalJson({ ...payload(), v: 2 })),
        /payload version 2: this verifier reads version 1/,
      ],
      [withPayloadText('[1]'), /payload version missing/],
      [withPayloadText(JSON.stringify(payload(), null, 1)), /not in canonical form/],
      [
        withPayloadText(canonicalJson({ ...payload(), name: 'Aigerim' })),
        /Unrecognized key.*name|name/,
      ],
      [withPayloadText(canonicalJson({ ...payload(), quantity: 0 })), /quantity:/],
      [withPayloadText(canonicalJson({ ...payload(), iin: '900101300127' })), /iin: not a valid/],
    ];
    for (const [input, reason] of cases) assert.match(problem(input), reason, input.slice(0, 60));
    // not UTF-8
    const latin = `TGRX1.${encodeBase64url(new Uint8Array([0x7b, 0xff, 0x7d]))}.${keyId}.${signature}`;
    assert.match(problem(latin), /not JSON in UTF-8/);
  });

  it('is refused when longer than a QR code holds, with what to shorten', () => {
    const long = 'Метформин пролонгированного действия '.repeat(5).slice(0, 200).trim();
    const p = {
      ...payload(),
      dosing: 'по одной таблетке '.repeat(28).slice(0, 500).trim(),
      product: { inn: long, name: long, form: long, atc: null },
    };
    const encoded = encodeRxQr(p, SIGNATURE);
    assert.equal(encoded.ok, false);
    if (!encoded.ok) assert.match(encoded.message, /more than a QR code holds \(2953\)/);
    assert.ok(qrOf(payload()).length < 1000, 'an ordinary prescription is well under');
  });
});

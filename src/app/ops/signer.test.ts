import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { OTHER_IIN, PATIENT_IIN, samplePrescription } from '../../../test/support/prescription.ts';
import { isoDate, type IsoDate } from '../../domain/date.ts';
import { encodeBase64url } from '../../ops/base64url.ts';
import { canonicalJson, type Json } from '../../ops/canonical-json.ts';
import type { PrescriptionSignature, UnsignedPrescription } from '../../ops/clinical.ts';
import { decodeRxQr, encodeRxQr, rxPayloadOf } from '../../ops/rx-payload.ts';
import {
  generateSigningKey,
  loadSigningKey,
  parseTrustFile,
  rxSignerFromConfig,
  trustEntryOf,
} from './rx-keys.ts';
import { parseConfig } from '../config.ts';
import { ed25519Signer, keyIdOf, verifyQr, type TrustedKey } from './signer.ts';

const pair = () => generateKeyPairSync('ed25519');
const KEY = pair();
const signer = ed25519Signer(KEY.privateKey);
const patient = { iin: PATIENT_IIN };
const trust = new Map([[signer.keyId, KEY.publicKey]]);
const ON = isoDate('2026-03-10');

function qrOf(prescription: UnsignedPrescription, withSigner = signer): string {
  const signature = withSigner.sign(prescription, patient);
  const encoded = encodeRxQr(rxPayloadOf(prescription, patient), signature);
  assert.ok(encoded.ok);
  return encoded.text;
}

/** The QR text with its payload replaced by `payload` (canonical), the signature kept. */
function withPayload(text: string, payload: Json): string {
  const [prefix, , keyId, signature] = text.split('.');
  const body = encodeBase64url(new TextEncoder().encode(canonicalJson(payload)));
  return [prefix, body, keyId, signature].join('.');
}

/**
 * Another valid value for every leaf of the payload: the payload test below fails when a field
 * is added without one, so no signed field escapes the "any change breaks it" check.
 */
const CHANGED: Record<string, Json> = {
  v: 1, // the only version; a change is refused as another version (its own test)
  number: 'KZ-35-2026-000043',
  region: 'KZ-27',
  iin: OTHER_IIN,
  issuedOn: '2026-02-28',
  validFrom: '2026-03-02',
  validTo: '2026-03-31',
  'product.inn': 'metformin hydrochloride',
  'product.name': 'Siofor',
  'product.form': 'tablets 850 mg',
  'product.atc': 'A10BA03',
  quantity: 30,
  unit: 'packs',
  dosing: '2 tablets twice a day with meals',
  daysOfSupply: 90,
  continuous: false,
  icd10: 'E11.8',
  organisation: 'KZ-35/POLY-2',
  prescriber: '7c9e6679-7425-40de-944b-e07fc1f90ae8',
  'basis.item': 'KZ-35/diabetes-2/15',
  'basis.act': 'KZ-35.maslikhat.2021-02-25.35',
  'basis.edition': 'KZ-35.maslikhat.2024-10-24.15-4',
  'basis.registryVersion': 'b'.repeat(64),
};

/**
 * How to change each payload field at its source in the prescription (the IIN: the patient
 * given, not the prescription); with the check above, a field the payload takes from the wrong place is caught.
 */
const ALTER: Record<string, (p: Mutable) => void> = {
  number: (p) => void (p.number = 'KZ-35-2026-000043'),
  region: (p) => void (p.region = 'KZ-27' as Mutable['region']),
  iin: () => undefined, // the patient given below
  issuedOn: (p) => void (p.issuedOn = isoDate('2026-02-28')),
  validFrom: (p) => void (p.validFrom = isoDate('2026-03-02')),
  validTo: (p) => void (p.validTo = isoDate('2026-03-31')),
  'product.inn': (p) => void (p.product.inn = 'metformin hydrochloride'),
  'product.name': (p) => void (p.product.name = 'Siofor'),
  'product.form': (p) => void (p.product.form = 'tablets 850 mg'),
  'product.atc': (p) => void (p.product.atc = 'A10BA03'),
  quantity: (p) => void (p.quantity = 30),
  unit: (p) => void (p.unit = 'packs'),
  dosing: (p) => void (p.dosing = '2 tablets twice a day'),
  daysOfSupply: (p) => void (p.daysOfSupply = 90),
  continuous: (p) => void (p.continuous = false),
  icd10: (p) => void (p.icd10 = 'E11.8' as Mutable['icd10']),
  organisation: (p) => void (p.organisation = 'KZ-35/POLY-2'),
  prescriber: (p) => void (p.prescriber = 'another-account'),
  'basis.item': (p) => void (p.basis.item = 'KZ-35/diabetes-2/15'),
  'basis.act': (p) =>
    void (p.basis.citation.act =
      'KZ-35.maslikhat.2021-02-25.35' as Mutable['basis']['citation']['act']),
  'basis.edition': (p) =>
    void (p.basis.citation.edition.act =
      'KZ-35.maslikhat.2024-10-24.15-4' as Mutable['basis']['citation']['act']),
  'basis.registryVersion': (p) => void (p.basis.registryVersion = 'b'.repeat(64)),
};
type Mutable = UnsignedPrescription & { signature: PrescriptionSignature };

function leaves(value: Json, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

function changed(payload: Json, path: string): Json {
  const copy = structuredClone(payload) as Record<string, Json>;
  const keys = path.split('.');
  const last = keys.pop() as string;
  const parent = keys.reduce((o, k) => o[k] as Record<string, Json>, copy);
  parent[last] = CHANGED[path] as Json;
  return copy;
}

describe('ed25519Signer (the PrescriptionSigner port)', () => {
  it('signs and verifies; the key id is the SHA-256 of the raw public key', () => {
    const prescription = samplePrescription();
    const signature = signer.sign(prescription, patient);
    assert.equal(signature.algorithm, 'Ed25519');
    assert.match(signer.keyId, /^[0-9a-f]{16}$/);
    assert.equal(signature.keyId, keyIdOf(KEY.publicKey));
    assert.equal(signer.verify({ ...prescription, signature }, patient), true);
    // Deterministic (Ed25519): the same prescription, the same signature.
    assert.deepEqual(signer.sign(prescription, patient), signature);
  });

  it('refuses another patient, a changed field, another key and another algorithm', () => {
    const prescription = samplePrescription();
    const signature = signer.sign(prescription, patient);
    const signed = { ...prescription, signature };
    assert.equal(signer.verify(signed, { iin: OTHER_IIN }), false);
    assert.equal(signer.verify({ ...signed, quantity: 4 }, patient), false);
    assert.equal(signer.verify({ ...signed, validTo: isoDate('2026-12-31') }, patient), false);
    assert.equal(
      signer.verify({ ...signed, product: { ...signed.product, atc: 'A10BA03' } }, patient),
      false,
    );
    assert.equal(ed25519Signer(pair().privateKey).verify(signed, patient), false);
    const forged = { ...signature, algorithm: 'RS256' } as unknown as typeof signature;
    assert.equal(signer.verify({ ...signed, signature: forged }, patient), false);
    assert.equal(
      signer.verify({ ...signed, signature: { ...signature, value: 'AAAA' } }, patient),
      false,
    );
    // Fields outside the payload (internal ids, the explanation) are not signed, by design.
    assert.equal(signer.verify({ ...signed, id: 'another' }, patient), true);
  });

  it('refuses a change to ANY field of the prescription that the payload carries', () => {
    const prescription = samplePrescription();
    const signed = { ...prescription, signature: signer.sign(prescription, patient) };
    const fields = leaves(rxPayloadOf(prescription, patient) as unknown as Json);
    assert.deepEqual(
      fields.filter((f) => f !== 'v' && !(f in ALTER)),
      [],
      'a field without a change',
    );
    for (const [field, alter] of Object.entries(ALTER)) {
      const copy = structuredClone(signed);
      alter(copy);
      const iin = field === 'iin' ? OTHER_IIN : PATIENT_IIN;
      assert.equal(signer.verify(copy, { iin }), false, field);
    }
  });

  it('refuses a key that is not an Ed25519 private key', () => {
    assert.throws(() => ed25519Signer(KEY.publicKey), /expected an Ed25519 private key/);
    const x25519 = generateKeyPairSync('x25519').privateKey;
    assert.throws(() => ed25519Signer(x25519), /not a x25519 private key/);
  });

  it('verifies what an earlier key signed when given it as a previous key (rotation)', () => {
    const old = pair();
    const oldSigner = ed25519Signer(old.privateKey);
    const signed = {
      ...samplePrescription(),
      signature: oldSigner.sign(samplePrescription(), patient),
    };
    assert.equal(ed25519Signer(KEY.privateKey).verify(signed, patient), false);
    const rotated = ed25519Signer(KEY.privateKey, { previousKeys: [old.publicKey] });
    assert.equal(rotated.keyId, signer.keyId, 'signs with the new key');
    assert.equal(rotated.verify(signed, patient), true);
  });
});

describe('verifyQr (offline, at the pharmacy)', () => {
  const text = qrOf(samplePrescription());

  it('accepts a genuine QR text and returns its payload', () => {
    const result = verifyQr(text, trust, { on: ON });
    assert.ok(result.ok);
    assert.deepEqual(result.payload, rxPayloadOf(samplePrescription(), patient));
    assert.equal(result.keyId, signer.keyId);
    assert.equal(result.on, ON);
  });

  it('refuses a change to ANY signed field as a bad signature', () => {
    const decoded = decodeRxQr(text);
    assert.ok(decoded.ok);
    const payload = decoded.value.payload as unknown as Json;
    const fields = leaves(payload);
    assert.deepEqual(
      fields.filter((f) => !(f in CHANGED)),
      [],
      'a field without a change',
    );
    for (const field of fields.filter((f) => f !== 'v')) {
      const altered = changed(payload, field);
      assert.notEqual(canonicalJson(altered), canonicalJson(payload), field);
      const result = verifyQr(withPayload(text, altered), trust, { on: ON });
      assert.deepEqual(result.ok ? 'ok' : result.reason, 'bad_signature', field);
    }
    // The version cannot be changed to another readable one: it is refused as malformed.
    const v2 = verifyQr(withPayload(text, { ...(payload as object), v: 2 }), trust, { on: ON });
    assert.equal(v2.ok ? 'ok' : v2.reason, 'malformed');
  });

  it('refuses a wrong key under the right id, an unknown id, and a swapped signature', () => {
    const wrong = new Map([[signer.keyId, pair().publicKey]]);
    assert.equal(reasonOf(verifyQr(text, wrong, { on: ON })), 'bad_signature');
    const other = ed25519Signer(pair().privateKey);
    const unknown = verifyQr(qrOf(samplePrescription(), other), trust, { on: ON });
    assert.equal(reasonOf(unknown), 'unknown_key');
    assert.match(unknown.ok ? '' : unknown.message, new RegExp(`key ${other.keyId} is not among`));
    // Another prescription's genuine signature on this payload.
    const another = qrOf({ ...samplePrescription(), number: 'KZ-35-2026-000099' });
    const swapped = `${text.slice(0, text.lastIndexOf('.'))}${another.slice(another.lastIndexOf('.'))}`;
    assert.equal(reasonOf(verifyQr(swapped, trust, { on: ON })), 'bad_signature');
    // Naming another trusted key in the text does not help.
    const both = new Map([...trust, [other.keyId, KEY.publicKey]]);
    const renamed = text.replace(`.${signer.keyId}.`, `.${other.keyId}.`);
    assert.equal(reasonOf(verifyQr(renamed, both, { on: ON })), 'ok');
    const otherKeys = new Map([...trust, [other.keyId, pair().publicKey]]);
    assert.equal(reasonOf(verifyQr(renamed, otherKeys, { on: ON })), 'bad_signature');
  });

  it('refuses malformed texts before looking for a key', () => {
    for (const bad of [
      '',
      text.slice(0, -2),
      `${text}.x`,
      'x'.repeat(100_000),
      `TGRX2${text.slice(5)}`,
    ]) {
      assert.equal(reasonOf(verifyQr(bad, trust, { on: ON })), 'malformed', bad.slice(0, 40));
    }
  });

  it('checks the validity window on the day, both ends included', () => {
    const on = (date: string) => reasonOf(verifyQr(text, trust, { on: isoDate(date) }));
    assert.equal(on('2026-02-28'), 'not_yet_valid');
    assert.equal(on('2026-03-01'), 'ok');
    assert.equal(on('2026-03-30'), 'ok');
    assert.equal(on('2026-03-31'), 'expired');
  });

  it('checks the signature before the dates: a forged expired text is a bad signature', () => {
    const forged = withPayload(text, {
      ...(rxPayloadOf(samplePrescription(), patient) as unknown as Record<string, Json>),
      quantity: 99,
    });
    assert.equal(reasonOf(verifyQr(forged, trust, { on: isoDate('2027-01-01') })), 'bad_signature');
  });

  it('verifies across a rotation: the old key for what it signed until its end, the new one after', () => {
    const old = pair();
    const oldSigner = ed25519Signer(old.privateKey);
    const trusted = (key: KeyObject, from: string | null, to: string | null): TrustedKey => ({
      keyId: keyIdOf(key),
      publicKey: key,
      region: null,
      from: from as IsoDate | null,
      to: to as IsoDate | null,
    });
    const keys = new Map([
      [oldSigner.keyId, trusted(old.publicKey, '2025-01-01', '2026-02-28')],
      [signer.keyId, trusted(KEY.publicKey, '2026-03-01', null)],
    ]);
    const beforeRotation = { ...samplePrescription(), issuedOn: isoDate('2026-02-27') };
    assert.equal(reasonOf(verifyQr(qrOf(beforeRotation, oldSigner), keys, { on: ON })), 'ok');
    assert.equal(reasonOf(verifyQr(text, keys, { on: ON })), 'ok');
    // The retired key signing after its end is not vouched for.
    const late = verifyQr(qrOf(samplePrescription(), oldSigner), keys, { on: ON });
    assert.equal(reasonOf(late), 'unknown_key');
    assert.match(
      late.ok ? '' : late.message,
      /issued until 2026-02-28, this one was issued on 2026-03-01/,
    );
    // A key trusted for one region only.
    const regional = new Map([
      [signer.keyId, { ...trusted(KEY.publicKey, null, null), region: 'KZ-27' }],
    ]);
    const elsewhere = verifyQr(text, regional as Map<string, TrustedKey>, { on: ON });
    assert.equal(reasonOf(elsewhere), 'unknown_key');
    assert.match(elsewhere.ok ? '' : elsewhere.message, /trusted for KZ-27 only/);
  });
});

describe('keys: generation, the private key file, the trust file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tegin-rx-keys-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a generated PKCS#8 key that signs what its trust entry verifies', () => {
    const { privateKeyPem, entry } = generateSigningKey();
    const file = join(dir, 'key.pem');
    writeFileSync(file, privateKeyPem, { mode: 0o600 });
    const loaded = ed25519Signer(loadSigningKey(file));
    assert.equal(loaded.keyId, entry.keyId);
    const configured = rxSignerFromConfig(parseConfig({ TEGIN_RX_SIGNING_KEY_FILE: file }));
    assert.equal(configured?.keyId, entry.keyId);
    assert.equal(rxSignerFromConfig(parseConfig({ TEGIN_RX_SIGNING_KEY_FILE: '' })), null);
    const keys = parseTrustFile(JSON.stringify({ keys: [entry] }));
    assert.ok(keys.ok);
    assert.equal(
      reasonOf(verifyQr(qrOf(samplePrescription(), loaded), keys.keys, { on: ON })),
      'ok',
    );
  });

  it('names the setting, the file and the reason when the key cannot be used', () => {
    const missing = join(dir, 'none.pem');
    assert.throws(() => loadSigningKey(missing), /TEGIN_RX_SIGNING_KEY_FILE .*none\.pem: .*ENOENT/);
    const publicPem = join(dir, 'public.pem');
    writeFileSync(publicPem, KEY.publicKey.export({ format: 'pem', type: 'spki' }));
    assert.throws(() => loadSigningKey(publicPem), /expected a PKCS#8 PEM private key/);
    const x25519 = join(dir, 'x25519.pem');
    writeFileSync(
      x25519,
      generateKeyPairSync('x25519').privateKey.export({ format: 'pem', type: 'pkcs8' }),
    );
    assert.throws(() => loadSigningKey(x25519), /x25519\.pem: expected an Ed25519 private key/);
  });

  it('reads PEM and raw base64 keys, and names each problem of a trust file', () => {
    const entry = trustEntryOf(KEY.publicKey);
    const pem = KEY.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const good = parseTrustFile(
      JSON.stringify({
        keys: [
          { ...entry, region: 'KZ-35', from: '2026-01-01' },
          { keyId: keyIdOf(pair().publicKey), publicKey: pem },
        ],
      }),
    );
    assert.equal(good.ok, false, 'the second entry names another key than its id');
    const ok = parseTrustFile(JSON.stringify({ keys: [{ keyId: entry.keyId, publicKey: pem }] }));
    assert.ok(ok.ok);
    assert.deepEqual(ok.keys.get(entry.keyId)?.region, null);
    const problems = (value: unknown) => {
      const result = parseTrustFile(typeof value === 'string' ? value : JSON.stringify(value));
      return result.ok ? [] : result.problems;
    };
    assert.match(problems('{').join(), /not JSON/);
    assert.match(problems({ keys: [] }).join(), /keys: name at least one key/);
    assert.match(
      problems({ keys: [{ ...entry, keyId: '0'.repeat(16) }] }).join(),
      /keys\[0\]\.keyId: is not the id/,
    );
    assert.match(
      problems({ keys: [{ ...entry, publicKey: 'abc' }] }).join(),
      /keys\[0\]\.publicKey: expected a PEM/,
    );
    assert.match(
      problems({ keys: [{ ...entry, from: '2026-02-01', to: '2026-01-01' }] }).join(),
      /keys\[0\]\.to: ends before/,
    );
    assert.match(problems({ keys: [{ ...entry, region: 'Almaty' }] }).join(), /keys\[0\]\.region/);
    assert.match(problems({ keys: [entry, entry] }).join(), /keys\[1\]\.keyId: .* listed twice/);
    assert.match(problems({ keys: [{ ...entry, extra: 1 }] }).join(), /extra/);
  });
});

function reasonOf(result: ReturnType<typeof verifyQr>): string {
  return result.ok ? 'ok' : result.reason;
}

/** `tegin rx keygen` and `tegin rx verify`, in-process, on temporary files. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadSigningKey } from '../src/app/ops/rx-keys.ts';
import { ed25519Signer } from '../src/app/ops/signer.ts';
import { main } from '../src/cli/main.ts';
import { canonicalJson } from '../src/ops/canonical-json.ts';
import { encodeRxQr, rxPayloadOf } from '../src/ops/rx-payload.ts';
import { OTHER_IIN, PATIENT_IIN, samplePrescription } from './support/prescription.ts';

async function run(argv: string[], stdin?: string) {
  let out = '';
  let err = '';
  const code = await main(argv, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    ...(stdin === undefined ? {} : { readStdin: async () => stdin }),
  });
  return { code, out, err };
}

describe('tegin rx keygen, rx verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tegin-rx-cli-'));
  const keyFile = join(dir, 'signing.pem');
  const trustFile = join(dir, 'trust.json');
  let qr = '';
  after(() => rmSync(dir, { recursive: true, force: true }));

  before(async () => {
    const made = await run(['rx', 'keygen', '--out', keyFile, '--region', 'KZ-35']);
    assert.equal(made.code, 0, made.err);
    writeFileSync(trustFile, JSON.stringify({ keys: [JSON.parse(made.out)] }));
    const signer = ed25519Signer(loadSigningKey(keyFile));
    const prescription = samplePrescription();
    const patient = { iin: PATIENT_IIN };
    const encoded = encodeRxQr(
      rxPayloadOf(prescription, patient),
      signer.sign(prescription, patient),
    );
    assert.ok(encoded.ok);
    qr = encoded.text;
  });

  it('keygen writes a PKCS#8 key readable by its owner only and prints its trust entry', () => {
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    assert.match(readFileSync(keyFile, 'utf8'), /^-----BEGIN PRIVATE KEY-----\n/);
    const entry = JSON.parse(readFileSync(trustFile, 'utf8')).keys[0];
    assert.deepEqual(Object.keys(entry).sort(), ['keyId', 'publicKey', 'region']);
    assert.match(entry.keyId, /^[0-9a-f]{16}$/);
    assert.match(entry.publicKey, /^[A-Za-z0-9+/]{43}=$/);
    assert.equal(entry.region, 'KZ-35');
  });

  it('keygen never overwrites a file and names a bad flag (exit 2)', async () => {
    const before = readFileSync(keyFile, 'utf8');
    const again = await run(['rx', 'keygen', '--out', keyFile]);
    assert.equal(again.code, 2);
    assert.match(again.err, /--out: .*signing\.pem exists; a signing key is never overwritten/);
    assert.equal(readFileSync(keyFile, 'utf8'), before);
    const missing = await run(['rx', 'keygen']);
    assert.deepEqual([missing.code, /--out is required/.test(missing.err)], [2, true]);
    const noDir = await run(['rx', 'keygen', '--out', join(dir, 'no', 'such', 'key.pem')]);
    assert.deepEqual([noDir.code, /--out: cannot create .*ENOENT/.test(noDir.err)], [2, true]);
    const region = await run(['rx', 'keygen', '--out', join(dir, 'k2.pem'), '--region', 'Almaty']);
    assert.deepEqual([region.code, /--region: "Almaty"/.test(region.err)], [2, true]);
    assert.equal(existsSync(join(dir, 'k2.pem')), false, 'nothing written on a bad flag');
  });

  it('verify: a valid prescription is exit 0 with a summary; the IIN is masked', async () => {
    const ok = await run(['rx', 'verify', qr, '--keys', trustFile, '--on', '2026-03-10']);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /VALID — signed with key [0-9a-f]{16}, valid on 2026-03-10/);
    assert.match(ok.out, /KZ-35-2026-000042 \(KZ-35\)/);
    assert.match(ok.out, /metformin, Glucophage, tablets 500 mg \(ATC A10BA02\)/);
    assert.match(ok.out, /3 pack, 30 days' supply, continuous treatment/);
    assert.match(ok.out, /2026-03-01 to 2026-03-30/);
    assert.match(ok.out, /\*{8}0126: not checked/);
    assert.match(ok.out, /already dispensed: only the online ledger knows/);
    assert.ok(!ok.out.includes(PATIENT_IIN), 'the IIN is never printed in full');
  });

  it('verify --iin: the identity document matches (exit 0) or not (exit 3)', async () => {
    const same = await run([
      'rx',
      'verify',
      qr,
      '--keys',
      trustFile,
      '--on',
      '2026-03-10',
      '--iin',
      PATIENT_IIN,
    ]);
    assert.equal(same.code, 0);
    assert.match(same.out, /\*{8}0126: matches the identity document/);
    const other = await run([
      'rx',
      'verify',
      qr,
      '--keys',
      trustFile,
      '--on',
      '2026-03-10',
      '--iin',
      OTHER_IIN,
    ]);
    assert.equal(other.code, 3);
    assert.match(other.out, /NOT VALID \(other_patient\): .*\*{8}1230.*\*{8}0126/);
    assert.ok(!`${other.out}${other.err}`.includes(PATIENT_IIN));
    assert.ok(!`${other.out}${other.err}`.includes(OTHER_IIN));
    const bad = await run(['rx', 'verify', qr, '--keys', trustFile, '--iin', '12345']);
    assert.deepEqual([bad.code, /--iin: an IIN has 12 digits/.test(bad.err)], [2, true]);
  });

  it('verify: expired, not yet valid, forged and unknown-key texts are exit 3 with the reason', async () => {
    const verify = (text: string, on: string) =>
      run(['rx', 'verify', text, '--keys', trustFile, '--on', on]);
    const expired = await verify(qr, '2026-03-31');
    assert.deepEqual(
      [expired.code, expired.out.trim()],
      [3, 'rx verify: NOT VALID (expired): valid until 2026-03-30, expired on 2026-03-31'],
    );
    const early = await verify(qr, '2026-02-28');
    assert.deepEqual([early.code, /NOT VALID \(not_yet_valid\)/.test(early.out)], [3, true]);
    const [prefix, body, keyId, signature] = qr.split('.') as [string, string, string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    const altered = Buffer.from(canonicalJson({ ...payload, quantity: 30 })).toString('base64url');
    const forged = await verify([prefix, altered, keyId, signature].join('.'), '2026-03-10');
    assert.deepEqual([forged.code, /NOT VALID \(bad_signature\)/.test(forged.out)], [3, true]);
    const unknown = await verify([prefix, body, 'f'.repeat(16), signature].join('.'), '2026-03-10');
    assert.deepEqual([unknown.code, /NOT VALID \(unknown_key\)/.test(unknown.out)], [3, true]);
  });

  it('verify: a malformed text is exit 2; --json gives the reason as data', async () => {
    const truncated = await run(['rx', 'verify', qr.slice(0, 50), '--keys', trustFile]);
    assert.deepEqual(
      [truncated.code, /NOT VALID \(malformed\): expected 4 parts/.test(truncated.out)],
      [2, true],
    );
    const json = await run(['rx', 'verify', 'hello', '--keys', trustFile, '--json']);
    assert.equal(json.code, 2);
    assert.equal(JSON.parse(json.out).reason, 'malformed');
    const good = await run([
      'rx',
      'verify',
      qr,
      '--keys',
      trustFile,
      '--on',
      '2026-03-10',
      '--json',
    ]);
    const answer = JSON.parse(good.out);
    assert.deepEqual(
      [answer.ok, answer.prescription.iin, answer.prescription.quantity],
      [true, '********0126', 3],
    );
  });

  it('verify - reads the text from standard input, a trailing newline forgiven', async () => {
    const piped = await run(
      ['rx', 'verify', '-', '--keys', trustFile, '--on', '2026-03-10'],
      `${qr}\n`,
    );
    assert.equal(piped.code, 0, piped.out);
    const huge = await run(['rx', 'verify', '-', '--keys', trustFile], 'A'.repeat(20_000));
    assert.deepEqual([huge.code, /more than a QR code holds/.test(huge.out)], [2, true]);
  });

  it('verify names a missing or broken trust file and missing arguments (exit 2)', async () => {
    const none = await run(['rx', 'verify', qr]);
    assert.deepEqual([none.code, /--keys is required/.test(none.err)], [2, true]);
    const missing = await run(['rx', 'verify', qr, '--keys', join(dir, 'none.json')]);
    assert.deepEqual(
      [missing.code, /--keys: cannot read .*none\.json: .*ENOENT/.test(missing.err)],
      [2, true],
    );
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ keys: [{ keyId: 'abc', publicKey: 'x' }] }));
    const bad = await run(['rx', 'verify', qr, '--keys', broken]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /keys\[0\]\.keyId: expected 16 lower-case hex digits/);
    const two = await run(['rx', 'verify', qr, qr, '--keys', trustFile]);
    assert.deepEqual([two.code, /give one QR text/.test(two.err)], [2, true]);
    const date = await run(['rx', 'verify', qr, '--keys', trustFile, '--on', '2026-02-30']);
    assert.deepEqual(
      [date.code, /--on: "2026-02-30" is not a calendar date/.test(date.err)],
      [2, true],
    );
    const sub = await run(['rx', 'sign']);
    assert.deepEqual([sub.code, /unknown rx command "sign"/.test(sub.err)], [2, true]);
  });
});

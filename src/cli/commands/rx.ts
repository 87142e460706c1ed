/**
 * `tegin rx keygen --out FILE [--region KZ-NN] [--from YYYY-MM-DD]`: a new Ed25519 signing key,
 * written as PKCS#8 PEM with mode 0600 (never over an existing file); prints the public key's
 * entry for the pharmacies' trust file.
 * `tegin rx verify <qr-text|-> --keys TRUST.json [--iin IIN] [--on YYYY-MM-DD] [--json]`: checks a
 * scanned prescription offline (docs/adr/0016-prescription-signatures.md). Exit 0 valid, 2 the
 * text is not a tegin prescription (or a flag is wrong), 3 a prescription that is not valid:
 * unknown key, bad signature, not yet valid, expired, or not this patient's.
 */
import { chmodSync, closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { reasonOf } from '../../app/config.ts';
import { generateSigningKey, parseTrustFile } from '../../app/ops/rx-keys.ts';
import { verifyQr, type VerifyFailure } from '../../app/ops/signer.ts';
import { decodeIin } from '../../domain/iin.ts';
import { RegionCode } from '../../domain/region.ts';
import { MAX_RX_QR_LENGTH, type RxPayload } from '../../ops/rx-payload.ts';
import { dateFlag } from '../flags.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';

type Verdict = VerifyFailure | 'other_patient';

/** Exit code of each verdict; the compiler demands one for every new reason. */
const EXIT_OF: Record<Verdict, number> = {
  malformed: EXIT.badInput,
  unknown_key: EXIT.dataProblems,
  bad_signature: EXIT.dataProblems,
  not_yet_valid: EXIT.dataProblems,
  expired: EXIT.dataProblems,
  other_patient: EXIT.dataProblems,
};

/** A trust file is a few keys: a bigger one is a mistake, not read into memory. */
const MAX_TRUST_FILE_BYTES = 1024 * 1024;

export async function rxCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'keygen') return keygen(rest, io);
  if (sub === 'verify') return verify(rest, io);
  throw new UsageError(`unknown rx command "${sub ?? ''}": expected keygen or verify`);
}

function keygen(args: string[], io: CliIo): number {
  const { values } = parseArgs({
    args,
    options: { out: { type: 'string' }, region: { type: 'string' }, from: { type: 'string' } },
    strict: true,
  });
  if (!values.out) throw new UsageError('--out is required: the file to write the private key to');
  const region = values.region === undefined ? undefined : RegionCode.safeParse(values.region);
  if (region && !region.success) {
    throw new UsageError(`--region: "${values.region}" is not a region code such as KZ-35`);
  }
  const from = values.from === undefined ? undefined : dateFlag('--from', values.from);
  const { privateKeyPem, entry } = generateSigningKey();
  let fd: number;
  try {
    fd = openSync(values.out, 'wx', 0o600); // 'wx': fails when the file exists
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
    throw new UsageError(
      exists
        ? `--out: ${values.out} exists; a signing key is never overwritten (choose a new file)`
        : `--out: cannot create ${values.out}: ${reasonOf(error)}`,
    );
  }
  try {
    chmodSync(values.out, 0o600); // whatever the umask
    writeSync(fd, privateKeyPem);
  } finally {
    closeSync(fd);
  }
  const trusted = { ...entry, region: region?.data, from };
  io.stdout(`${JSON.stringify(trusted)}\n`);
  io.stderr(
    `rx keygen: private key written to ${values.out} (mode 0600): set TEGIN_RX_SIGNING_KEY_FILE to it, keep it out of the repository and backups anyone can read.\n` +
      `Add the entry printed on standard output to the "keys" of the pharmacies' trust file; keep the old keys there (with a "to") so what they signed still verifies.\n`,
  );
  return EXIT.ok;
}

async function verify(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      keys: { type: 'string' },
      iin: { type: 'string' },
      on: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) {
    throw new UsageError('rx verify: give one QR text, or - to read it from standard input');
  }
  if (!values.keys) throw new UsageError('--keys is required: the trust file of public keys');
  const on = values.on === undefined ? undefined : dateFlag('--on', values.on);
  let iin: string | undefined;
  if (values.iin !== undefined) {
    const decoded = decodeIin(values.iin);
    if (!decoded.ok) throw new UsageError(`--iin: ${decoded.reason}`);
    iin = decoded.value.iin;
  }
  const keys = readTrustFile(values.keys);
  const text = positionals[0] === '-' ? await stdinText(io) : (positionals[0] ?? '');
  const result = verifyQr(text.trim(), keys, { on });
  const print = (value: unknown, lines: string) =>
    io.stdout(values.json ? `${JSON.stringify(value, null, 2)}\n` : `${lines}\n`);
  if (!result.ok) {
    print(
      { ok: false, reason: result.reason, message: result.message },
      `rx verify: NOT VALID (${result.reason}): ${result.message}`,
    );
    return EXIT_OF[result.reason];
  }
  const { payload, keyId } = result;
  if (iin !== undefined && iin !== payload.iin) {
    const message = `the IIN on the identity document (${maskIin(iin)}) is not the prescription's (${maskIin(payload.iin)})`;
    print(
      { ok: false, reason: 'other_patient', message },
      `rx verify: NOT VALID (other_patient): ${message}`,
    );
    return EXIT_OF.other_patient;
  }
  print(
    {
      ok: true,
      keyId,
      iinChecked: iin !== undefined,
      prescription: { ...payload, iin: maskIin(payload.iin) },
    },
    summary(payload, keyId, iin !== undefined, result.on),
  );
  return EXIT.ok;
}

function readTrustFile(path: string) {
  let text: string;
  try {
    if (statSync(path).size > MAX_TRUST_FILE_BYTES) {
      throw new Error(`larger than ${MAX_TRUST_FILE_BYTES} bytes`);
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--keys: cannot read ${path}: ${reasonOf(error)}`);
  }
  const trust = parseTrustFile(text);
  if (!trust.ok) throw new UsageError(`--keys ${path}: ${trust.problems.join('; ')}`);
  return trust.keys;
}

async function stdinText(io: CliIo): Promise<string> {
  if (!io.readStdin) throw new UsageError('rx verify -: no standard input to read');
  return io.readStdin(MAX_RX_QR_LENGTH * 4);
}

/** `********0126`: enough to compare with a document, not the IIN (its first six are the birth date). */
export function maskIin(iin: string): string {
  return `${'*'.repeat(Math.max(0, iin.length - 4))}${iin.slice(-4)}`;
}

/** Signed text, printed: control characters (a terminal's escapes) shown as `?`. */
function shown(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

function summary(p: RxPayload, keyId: string, iinChecked: boolean, on: string): string {
  const product = [p.product.inn, p.product.name, p.product.form]
    .filter((part): part is string => part !== null)
    .map(shown)
    .join(', ');
  return [
    `rx verify: VALID — signed with key ${keyId}, valid on ${on}`,
    `  prescription  ${p.number} (${p.region}), issued ${p.issuedOn} at ${p.organisation}`,
    `  valid         ${p.validFrom} to ${p.validTo}, both days included`,
    `  product       ${product}${p.product.atc ? ` (ATC ${p.product.atc})` : ''}`,
    `  quantity      ${p.quantity} ${shown(p.unit)}, ${p.daysOfSupply} days' supply${p.continuous ? ', continuous treatment' : ''}`,
    `  dosing        ${shown(p.dosing)}`,
    `  diagnosis     ${p.icd10}`,
    `  patient IIN   ${maskIin(p.iin)}: ${iinChecked ? 'matches the identity document' : 'not checked — compare it with the identity document (--iin)'}`,
    `  basis         item ${shown(p.basis.item)} of ${p.basis.act}, edition ${p.basis.edition}; registry ${p.basis.registryVersion.slice(0, 12)}`,
    `  not checked   whether it was cancelled or already dispensed: only the online ledger knows`,
  ].join('\n');
}

/**
 * The tegin command line. Each command is a file in commands/; this file only
 * dispatches and maps failures to exit codes: 0 ok, 1 internal error,
 * 2 bad input (the message names the flag and the reason), 3 data problems, 4 the database is
 * in use by another process or unavailable (the message says which).
 * Commands are imported when they run, so `--help` loads no command and only
 * `db` loads a database driver (the start-up cost of a call is what it uses).
 */
import { StorageError } from '../storage/errors.ts';
import { EXIT, UsageError, type CliIo } from './io.ts';

export { processIo } from './stdio.ts';

const USAGE = `Usage:
  tegin data check [--json]
  tegin db load [--note TEXT] | db versions | db history <data file path>   [--json]
  tegin db backup --out FILE [--json]              (the whole database; mode 0600, never overwrites)
  tegin db restore FILE [--json]                   (into an empty database only, all or nothing)
  tegin catalog --region <code|slug> --date YYYY-MM-DD [--lang kk|ru|en] [--json]
  tegin regions [--json]
  tegin entitlements --region <code|slug> --date YYYY-MM-DD (--age N | --birth-date YYYY-MM-DD | --iin IIN)
                     --icd10 CODE [--icd10 CODE …] [--not-registered] [--commission] [--verified]
                     [--confirmed] [--citizenship KZ|other|unknown] [--served-in REGION|unknown]
                     [--lang kk|ru|en] [--json]
  tegin search <text> [--lang kk|ru|en] [--json]
  tegin diff --region <code|slug> --from YYYY-MM-DD --to YYYY-MM-DD [--lang kk|ru|en] [--json]
  tegin compare --regions R1,R2[,…] --date YYYY-MM-DD [--lang kk|ru|en] [--json]
  tegin orgs add --region KZ-NN --code CODE --kind polyclinic|hospital_with_commission|pharmacy
                 --name-kk TEXT --name-ru TEXT --name-en TEXT | orgs list --region KZ-NN   [--json]
  tegin users add --username NAME --name "Display name" --role ROLE [--role ROLE …] --region KZ-NN
                  [--org KZ-NN/CODE] [--json]      (prints a generated password once)
  tegin users token <username> [--hours N] [--json] (a bearer token for a system account, shown once;
                  N up to 2160, default 720)
  tegin audit verify [--json]                      (exit 3 when the audit chain is broken)
  tegin rx keygen --out FILE [--region KZ-NN] [--from YYYY-MM-DD]   (Ed25519 key, mode 0600)
  tegin rx verify <qr-text|-> --keys TRUST.json [--iin IIN] [--on YYYY-MM-DD] [--json]
                                                   (exit 3 when the prescription is not valid)
  tegin analytics impact --region KZ-NN --date YYYY-MM-DD [--threshold K] [--token T] [--format F] [--out FILE]
  tegin analytics gaps --region KZ-NN --on YYYY-MM-DD [--months N] [--threshold K] [--token T] [--format F] [--table organisation|diagnosis|item] [--out FILE]
                                                   (counts only, cells below K (5) suppressed; a staff
                                                   token (or TEGIN_TOKEN) lists patients by internal id)
  tegin demo [--seed N] [--until YYYY-MM-DD] [--json]
                                                   (demo staff and a synthetic population; nobody real)
  tegin analytics need --region R --year YYYY [--census YYYY-MM-DD] [--format F] [--table morbidity|consumption] [--out FILE]
  tegin analytics whatif --region R --draft FILE --date YYYY-MM-DD [--format F] [--table item|diagnosis|budget] [--out FILE]
      (F: text, json, csv or xlsx; xlsx needs --out; --json and --csv still work)
                                                   (need and budget: counts and money, no patient data)
  tegin import <file> [--region R] [--lang kk|ru] [--out DIR] [--compare] [--current-as-of YYYY-MM-DD] [--json]

Exit codes: 0 ok, 1 internal error, 2 bad input, 3 data problems,
            4 database in use by another process or unavailable.
`;

export async function main(args: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = joinNegativeValues(args);
  try {
    switch (command) {
      case 'data':
        if (rest[0] !== 'check')
          throw new UsageError(`unknown data command "${rest[0] ?? ''}": expected "data check"`);
        return (await import('./commands/data-check.ts')).dataCheck(rest.slice(1), io);
      case 'db':
        return await (await import('./commands/db.ts')).dbCommand(rest, io);
      case 'catalog':
        return await (await import('./commands/catalog.ts')).catalog(rest, io);
      case 'entitlements':
        return await (await import('./commands/entitlements.ts')).entitlements(rest, io);
      case 'search':
        return await (await import('./commands/search.ts')).searchCommand(rest, io);
      case 'diff':
        return await (await import('./commands/diff.ts')).diffCommand(rest, io);
      case 'compare':
        return await (await import('./commands/compare.ts')).compareCommand(rest, io);
      case 'import':
        return await (await import('./commands/import.ts')).importCommand(rest, io);
      case 'orgs':
      case 'users':
      case 'audit':
        return await (await import('./commands/ops.ts')).opsCommand(command, rest, io);
      case 'rx':
        return await (await import('./commands/rx.ts')).rxCommand(rest, io);
      case 'analytics':
        return await (await import('./commands/analytics.ts')).analyticsCommand(rest, io);
      case 'demo':
        return await (await import('./commands/demo.ts')).demoCommand(rest, io);
      case 'regions':
        return await (
          await import('./commands/catalog.ts')
        ).catalog(['--list-regions', ...rest], io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return command === undefined ? EXIT.badInput : EXIT.ok;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`tegin: ${error.message}\n\n${USAGE}`);
      return EXIT.badInput;
    }
    const usage = parseArgsProblem(error, command ?? '');
    if (usage) {
      io.stderr(`tegin: ${usage}\n\n${USAGE}`);
      return EXIT.badInput;
    }
    if (error instanceof StorageError) {
      io.stderr(`tegin: ${error.code}: ${error.message}\n`);
      return EXIT.storage;
    }
    io.stderr(
      `tegin: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.internal;
  }
}

/**
 * `--age -3` as `--age=-3`: node's parseArgs refuses a value that starts with a dash, so a
 * negative number would be reported as a missing value instead of reaching the flag's check.
 */
function joinNegativeValues(args: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const next = args[i + 1];
    if (/^--[a-z0-9-]+$/.test(arg) && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
}

/** node's parseArgs errors, said in tegin's words: the flag and the reason. */
function parseArgsProblem(error: unknown, command: string): string | null {
  if (!(error instanceof Error) || !('code' in error)) return null;
  const flag = /'(-[^' ]+)/.exec(error.message)?.[1] ?? '';
  const positional = /argument '([^']*)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `${flag}: not an option of "tegin ${command}"`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return error.message.includes('does not take')
        ? `${flag}: takes no value`
        : `${flag}: expects a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `"${positional}": "tegin ${command}" takes no such argument`;
    default:
      return null;
  }
}
